package org.tabphone.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tabphone.transport.api.Flow;

/** A WebSocket flow keeps its handshake's X-Forwarded-For for access control; other flows have none. */
class WebSocketForwardedForTest {
    private TransportComponent transport;
    private int wsPort;

    @BeforeEach
    void start() throws Exception {
        wsPort = Peers.freeTcpPort();
        Map<String, Object> config = new HashMap<>();
        config.put("bind_address", "127.0.0.1");
        config.put("udp_port", 0);
        config.put("tcp_port", 0);
        config.put("tls_port", 0);
        config.put("wss_port", 0);
        config.put("ws_port", wsPort);
        config.put("io_threads", 1);
        transport = new TransportComponent();
        transport.activate(TestConfigs.transport(config));
    }

    @AfterEach
    void stop() {
        transport.deactivate();
    }

    @Test
    void theHandshakeHeaderIsKeptOnTheFlow() throws Exception {
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("sip")
            .header("X-Forwarded-For", "198.51.100.2, 10.0.0.1")
            .buildAsync(URI.create("ws://127.0.0.1:" + wsPort + "/ws"), new WebSocket.Listener() { })
            .get(5, TimeUnit.SECONDS);
        try {
            List<Flow> flows = transport.flows();
            for (int i = 0; i < 50 && flows.isEmpty(); i++) {
                Thread.sleep(20);
                flows = transport.flows();
            }
            assertEquals(1, flows.size());
            assertEquals(Optional.of("198.51.100.2, 10.0.0.1"), flows.get(0).forwardedFor());
        } finally {
            ws.abort();
        }
    }
}
