package org.tabphone.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inbound stream agents on a real loopback socket with the JDK's WebSocket client as the agent:
 * an unknown agent gets 404, a wrong token 401, the right one (header or query) a socket that
 * waits for a call; a call takes it once; messages flow both ways; the agent's close reaches
 * the call.
 */
class StreamAgentServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private StreamAgentServer server;
    private String base;

    @BeforeEach
    void start() {
        server = StreamAgentServer.start(new InetSocketAddress("127.0.0.1", 0),
            name -> name.equals("bot") ? Optional.of("s3cret") : Optional.empty());
        base = "ws://127.0.0.1:" + server.address().getPort() + StreamAgentServer.PATH;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void refusesUnknownAgentsAndWrongTokens() {
        assertEquals(404, refusal(base + "nobody?token=s3cret", null));
        assertEquals(401, refusal(base + "bot", null));
        assertEquals(401, refusal(base + "bot?token=wrong", null));
        assertEquals(401, refusal(base + "bot", "Bearer s3cre"));
        assertEquals(Map.of(), server.waiting());
        assertEquals(Map.of(), server.connected());
    }

    @Test
    void aCallTakesAWaitingSocketOnceAndTalksBothWays() throws Exception {
        BlockingQueue<String> atAgent = new LinkedBlockingQueue<>();
        WebSocket agent = http.newWebSocketBuilder().header("Authorization", "Bearer s3cret")
            .buildAsync(URI.create(base + "bot"), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    atAgent.add(data.toString());
                    ws.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                    atAgent.add("binary " + data.remaining());
                    ws.request(1);
                    return null;
                }
            }).get(5, TimeUnit.SECONDS);
        assertTrue(waitFor(() -> server.waiting().getOrDefault("bot", 0) == 1), "the socket waits: " + server.waiting());
        assertEquals(Map.of("bot", 1), server.connected());

        InboundAgentSocket socket = server.take("bot").orElseThrow();
        assertEquals(Optional.empty(), server.take("bot"), "one socket, one call");
        assertEquals(Map.of("bot", 0), server.waiting());
        assertEquals(Map.of("bot", 1), server.connected(), "a socket carrying a call is still connected");
        BlockingQueue<String> atCall = new LinkedBlockingQueue<>();
        socket.listen(new AgentSocket.Listener() {
            @Override public void onText(String message) { atCall.add(message); }
            @Override public void onBinary(ByteBuffer message) { atCall.add("binary " + message.remaining()); }
            @Override public void onClosed(String why) { atCall.add("closed"); }
        });
        socket.sendText("{\"event\":\"start\"}").toCompletableFuture().get(2, TimeUnit.SECONDS);
        socket.sendBinary(ByteBuffer.wrap(new byte[168]));
        assertEquals("{\"event\":\"start\"}", atAgent.poll(2, TimeUnit.SECONDS));
        assertEquals("binary 168", atAgent.poll(2, TimeUnit.SECONDS));

        agent.sendText("{\"command\":\"hangup\"}", true).get(2, TimeUnit.SECONDS);
        agent.sendBinary(ByteBuffer.wrap(new byte[328]), true).get(2, TimeUnit.SECONDS);
        assertEquals("{\"command\":\"hangup\"}", atCall.poll(2, TimeUnit.SECONDS));
        assertEquals("binary 328", atCall.poll(2, TimeUnit.SECONDS));

        agent.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
        assertEquals("closed", atCall.poll(3, TimeUnit.SECONDS));
        assertEquals(Map.of(), server.connected());
    }

    @Test
    void theTokenMayComeInTheQuery() throws Exception {
        WebSocket agent = http.newWebSocketBuilder().buildAsync(URI.create(base + "bot?token=s3cret"),
            new WebSocket.Listener() { }).get(5, TimeUnit.SECONDS);
        assertTrue(waitFor(() -> server.take("bot").isPresent()));
        agent.abort();
    }

    /** The HTTP status the handshake was refused with. */
    private int refusal(String url, String authorization) {
        WebSocket.Builder b = http.newWebSocketBuilder();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        CompletableFuture<WebSocket> f = b.buildAsync(URI.create(url), new WebSocket.Listener() { });
        try {
            f.join().abort();
            return 101;
        } catch (CompletionException e) {
            return e.getCause() instanceof WebSocketHandshakeException h ? h.getResponse().statusCode() : -1;
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier ok) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (ok.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
