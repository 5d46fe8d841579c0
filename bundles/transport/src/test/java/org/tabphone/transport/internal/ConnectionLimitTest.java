package org.tabphone.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
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

/**
 * One peer address may hold only ws.max.connections.per.address WebSockets and
 * tcp.max.connections.per.address TCP/TLS connections, all of them together max.connections; the
 * caps change live.
 */
class ConnectionLimitTest {
    private TransportComponent transport;
    private int wsPort;
    private int tcpPort;
    private final List<Socket> sockets = new ArrayList<>();
    private final Map<String, Object> config = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WebSocket> open = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        wsPort = Peers.freeTcpPort();
        tcpPort = Peers.freeTcpPort();
        config.put("bind_address", "127.0.0.1");
        config.put("udp_port", 0);
        config.put("tcp_port", tcpPort);
        config.put("tcp_max_connections_per_address", 2);
        config.put("tls_port", 0);
        config.put("wss_port", 0);
        config.put("ws_port", wsPort);
        config.put("ws_max_connections_per_address", 2);
        config.put("io_threads", 1);
        transport = new TransportComponent();
        transport.activate(TestConfigs.transport(config));
    }

    @AfterEach
    void stop() throws IOException {
        open.forEach(WebSocket::abort);
        for (Socket s : sockets) {
            s.close();
        }
        transport.deactivate();
    }

    private WebSocket connect() throws Exception {
        WebSocket ws = http.newWebSocketBuilder().subprotocols("sip")
            .buildAsync(URI.create("ws://127.0.0.1:" + wsPort + "/ws"), new WebSocket.Listener() { })
            .get(5, TimeUnit.SECONDS);
        open.add(ws);
        return ws;
    }

    /** A TCP connection, and whether the gateway kept it (a refused one reads end-of-stream at once). */
    private boolean tcpKept() throws IOException {
        Socket s = new Socket("127.0.0.1", tcpPort);
        sockets.add(s);
        s.setSoTimeout(300);
        try {
            return s.getInputStream().read() != -1;
        } catch (SocketTimeoutException stillOpen) {
            return true;
        } catch (IOException reset) {
            return false;
        }
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

    @Test
    void tcpHasItsOwnPerAddressCap() throws Exception {
        assertTrue(tcpKept());
        assertTrue(tcpKept());
        assertFalse(tcpKept(), "a third TCP connection from 127.0.0.1");
        connect(); // WebSockets are counted apart
        assertEquals(1, transport.statistics().connectionsRefused());
        assertEquals(3, transport.statistics().connections());
    }

    @Test
    void maxConnectionsCapsEveryListenerTogetherAndAppliesLive() throws Exception {
        config.put("max_connections", 3);
        transport.modified(TestConfigs.transport(config), config);
        connect();
        connect();
        assertTrue(tcpKept());
        assertFalse(tcpKept(), "the fourth connection of any kind");
        assertThrows(ExecutionException.class, this::connect);
        sockets.get(0).close();
        awaitOpen(2);
        assertTrue(tcpKept(), "a closed connection frees its place");
    }
}
