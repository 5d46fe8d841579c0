package org.tabphone.agent.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * A WebSocket an agent opened to the gateway ({@link StreamAgentServer}), waiting for a call or
 * carrying one. Netty's channel orders the writes; messages come in on its event loop.
 */
final class InboundAgentSocket implements AgentSocket {
    private final Channel channel;
    private final String agent;
    private volatile Listener listener;
    /** The last binary message, copied to the heap for the G.711 decoder: event loop only. */
    private ByteBuffer binary = ByteBuffer.allocate(2048);

    InboundAgentSocket(Channel channel, String agent) {
        this.channel = channel;
        this.agent = agent;
    }

    String agent() {
        return agent;
    }

    boolean open() {
        return channel.isActive();
    }

    /** Waiting sockets before a call takes one; a second call cannot take the same socket. */
    synchronized boolean claim() {
        if (listener != null || !channel.isActive()) {
            return false;
        }
        listener = IDLE_CLAIMED;
        return true;
    }

    @Override
    public void listen(Listener l) {
        listener = l;
    }

    @Override
    public CompletionStage<?> sendText(String message) {
        return done(channel.writeAndFlush(new TextWebSocketFrame(message)));
    }

    @Override
    public CompletionStage<?> sendBinary(ByteBuffer frame) {
        return done(channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame))));
    }

    @Override
    public void close(String reason) {
        channel.writeAndFlush(new CloseWebSocketFrame(1000, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public String describe() {
        return "agent " + agent + " connected from " + channel.remoteAddress();
    }

    // ---- from the server's handler (event loop) ----

    void onText(String text) {
        Listener l = listener;
        if (l != null) {
            l.onText(text);
        }
    }

    void onBinary(ByteBuf content) {
        Listener l = listener;
        if (l == null) {
            return;
        }
        int n = content.readableBytes();
        if (binary.capacity() < n) {
            binary = ByteBuffer.allocate(n);
        }
        binary.clear();
        content.getBytes(content.readerIndex(), binary.array(), 0, n);
        binary.limit(n);
        l.onBinary(binary);
    }

    void onClosed() {
        Listener l = listener;
        if (l != null) {
            l.onClosed("closed the stream");
        }
    }

    private static CompletionStage<?> done(ChannelFuture f) {
        CompletableFuture<Void> c = new CompletableFuture<>();
        f.addListener(x -> {
            if (x.isSuccess()) {
                c.complete(null);
            } else {
                c.completeExceptionally(x.cause());
            }
        });
        return c;
    }

    /** Taken by a call whose session has not attached yet: messages until then are dropped. */
    private static final Listener IDLE_CLAIMED = new Listener() {
        @Override public void onText(String message) { }
        @Override public void onBinary(ByteBuffer message) { }
        @Override public void onClosed(String why) { }
    };
}
