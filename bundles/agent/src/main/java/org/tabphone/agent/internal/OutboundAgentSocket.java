package org.tabphone.agent.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The gateway's WebSocket to an agent's {@code url} (JDK client). Messages arrive in fragments
 * and are put together here; sends chain on one future, since the JDK WebSocket takes one
 * outstanding send at a time.
 */
final class OutboundAgentSocket implements AgentSocket, WebSocket.Listener {
    private static final Listener NOBODY = new Listener() {
        @Override public void onText(String message) { }
        @Override public void onBinary(ByteBuffer message) { }
        @Override public void onClosed(String why) { }
    };

    private final URI uri;
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer binary = ByteBuffer.allocate(0);
    private volatile Listener listener = NOBODY;
    private CompletableFuture<WebSocket> outbox;

    private OutboundAgentSocket(URI uri) {
        this.uri = uri;
    }

    /** Starts connecting; sends made meanwhile wait for the socket. A failed connect fails {@code connected}. */
    static OutboundAgentSocket connect(HttpClient http, URI uri, Listener listener) {
        OutboundAgentSocket s = new OutboundAgentSocket(uri);
        s.listener = listener;
        synchronized (s) {
            s.outbox = http.newWebSocketBuilder().buildAsync(uri, s).toCompletableFuture();
        }
        return s;
    }

    /** Completes when the handshake is done, exceptionally when it failed. */
    synchronized CompletionStage<WebSocket> connected() {
        return outbox;
    }

    @Override
    public void listen(Listener l) {
        listener = l;
    }

    @Override
    public CompletionStage<?> sendText(String message) {
        return chain(ws -> ws.sendText(message, true));
    }

    @Override
    public CompletionStage<?> sendBinary(ByteBuffer frame) {
        return chain(ws -> ws.sendBinary(frame, true));
    }

    @Override
    public void close(String reason) {
        chain(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, reason));
    }

    @Override
    public String describe() {
        return uri.toString();
    }

    private synchronized CompletableFuture<WebSocket> chain(Function<WebSocket, CompletionStage<WebSocket>> send) {
        // each send waits for the one before; a failed send fails the ones after it, quietly
        outbox = outbox.thenCompose(send).toCompletableFuture();
        return outbox;
    }

    // ---- WebSocket.Listener (the HttpClient's executor) ----

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String message = text.toString();
            text.setLength(0);
            listener.onText(message);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        if (binary.remaining() < data.remaining()) {
            binary = ByteBuffer.allocate(binary.position() + data.remaining() + 4096).put(binary.flip());
        }
        binary.put(data);
        if (last) {
            binary.flip();
            listener.onBinary(binary);
            binary.clear().order(java.nio.ByteOrder.BIG_ENDIAN);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
        listener.onClosed("closed the stream (" + status + " " + reason + ")");
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        listener.onClosed("stream failed: " + error.getMessage());
    }
}
