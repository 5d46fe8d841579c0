package org.tabphone.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One peer address may hold only ws.max.connections.per.address WebSockets; the cap changes live. */
class WsConnectionLimitTest {
    private TransportComponent transport;
    private int wsPort;
    private final Map<String, Object> config = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WebSocket> open = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        wsPort = Peers.freeTcpPort();
        config.put("bind_address", "127.0.0.1");
        config.put("udp_port", 0);
        config.put("tcp_port", 0);
        config.put("tls_port", 0);
        config.put("wss_port", 0);
        config.put("ws_port", wsPort);
        config.put("ws_max_connections_per_address", 2);
        config.put("io_threads", 1);
        transport = new TransportComponent();
        transport.activate(TestConfigs.transport(config));
    }

    @AfterEach
    void stop() {
        open.forEach(WebSocket::abort);
        transport.deactivate();
    }

    private WebSocket connect() throws Exception {
        WebSocket ws = http.newWebSocketBuilder().subprotocols("sip")
            .buildAsync(URI.create("ws://127.0.0.1:" + wsPort + "/ws"), new WebSocket.Listener() { })
            .get(5, TimeUnit.SECONDS);
        open.add(ws);
        return ws;
    }

    private void awaitOpen(int expected) throws InterruptedException {
        for (int i = 0; i < 50 && transport.flows().size() != expected; i++) {
            Thread.sleep(50);
        }
        assertEquals(expected, transport.flows().size());
    }

    @Test
    void theConnectionOverTheCapIsRefusedAndAClosedOneFreesItsPlace() throws Exception {
        WebSocket first = connect();
        connect();
        assertThrows(ExecutionException.class, this::connect, "a third connection from 127.0.0.1");
        first.abort();
        awaitOpen(1);
        connect();
        awaitOpen(2);
    }

    @Test
    void raisingTheCapAppliesToTheNextConnection() throws Exception {
        connect();
        connect();
        config.put("ws_max_connections_per_address", 0);
        transport.modified(TestConfigs.transport(config), config);
        connect();
        awaitOpen(3);
    }
}
