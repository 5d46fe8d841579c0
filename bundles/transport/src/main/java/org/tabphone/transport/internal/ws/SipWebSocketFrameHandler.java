package org.tabphone.transport.internal.ws;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;

import org.tabphone.sip.api.SipMessages;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.transport.internal.MalformedSip;
import org.tabphone.transport.internal.SipInboundHandler;
import org.tabphone.transport.internal.flow.FlowRegistry;
import org.tabphone.transport.internal.flow.NettyFlow;
import org.tabphone.transport.internal.flow.WebSocketFlow;
import org.tabphone.transport.internal.stream.KeepAlivePing;

/**
 * One SIP message per text or binary frame (RFC 7118 §5.1). The connection becomes a flow
 * when the handshake completes with the {@code sip} subprotocol; a frame that isn't SIP is
 * answered 400 where possible, so a browser's stack keeps its connection.
 */
public final class SipWebSocketFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private final FlowRegistry flows;
    private final TransportKind kind;

    public SipWebSocketFrameHandler(FlowRegistry flows, TransportKind kind) {
        this.flows = flows;
        this.kind = kind;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof HandshakeComplete done) {
            if (!SipSubprotocolGuard.SUBPROTOCOL.equals(done.selectedSubprotocol())) {
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.PROTOCOL_ERROR, "sip subprotocol required"));
                ctx.close();
                return;
            }
            NettyFlow flow = flows.connected(kind, ctx.channel());
            if (flow instanceof WebSocketFlow ws) { // kept for access control, which knows the trusted proxies
                ws.forwardedFor(done.requestHeaders().get(X_FORWARDED_FOR));
            }
            ctx.channel().attr(SipInboundHandler.FLOW).set(flow);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame) && !(frame instanceof BinaryWebSocketFrame)) {
            return; // ping/pong/close are handled by the protocol handler
        }
        byte[] bytes = ByteBufUtil.getBytes(frame.content());
        if (isBlank(bytes)) {
            // SIP.js sends CRLFCRLF pings in frames and waits for a CRLF pong (RFC 5626 §4.4.1)
            if (bytes.length >= 4) {
                ctx.fireChannelRead(KeepAlivePing.INSTANCE);
            }
            return;
        }
        try {
            ctx.fireChannelRead(SipMessages.parse(bytes, 0, bytes.length));
        } catch (SipParseException e) {
            ctx.fireChannelRead(new MalformedSip(bytes, e, false));
        }
    }

    private static boolean isBlank(byte[] b) {
        for (byte c : b) {
            if (c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }
}
