package org.tabphone.transport.internal.ws;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Lets through only what the WebSocket handshake should see: an upgrade on the SIP path that
 * offers the {@code sip} subprotocol (RFC 7118 §4). Other paths are static files
 * ({@link StaticRoutes}: 200, or 404; GET and HEAD only). Refusals close the connection: 400 for
 * an upgrade without {@code sip}, 426 for a plain GET on the SIP path.
 */
public final class SipSubprotocolGuard extends SimpleChannelInboundHandler<FullHttpRequest> {
    public static final String SUBPROTOCOL = "sip";
    private final String path;
    private final StaticRoutes statics;

    public SipSubprotocolGuard(String path, StaticRoutes statics) {
        super(false);
        this.path = path;
        this.statics = statics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String requestPath = new QueryStringDecoder(request.uri()).path();
        if (!requestPath.equals(path)) {
            serveStatic(ctx, request, requestPath);
        } else if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            reject(ctx, request, HttpResponseStatus.UPGRADE_REQUIRED, "SIP over WebSocket only (RFC 7118)");
        } else if (!offersSip(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL))) {
            reject(ctx, request, HttpResponseStatus.BAD_REQUEST,
                "Sec-WebSocket-Protocol must offer 'sip' (RFC 7118 section 4)");
        } else {
            ctx.fireChannelRead(request);
        }
    }

    private void serveStatic(ChannelHandlerContext ctx, FullHttpRequest request, String requestPath) {
        boolean head = request.method().equals(HttpMethod.HEAD);
        if (!head && !request.method().equals(HttpMethod.GET)) {
            reject(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "GET or HEAD only");
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        request.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
        var found = statics.answer(requestPath, uri.rawQuery(), headers,
            (java.net.InetSocketAddress) ctx.channel().remoteAddress());
        if (found.isEmpty()) {
            reject(ctx, request, HttpResponseStatus.NOT_FOUND, "No such resource: " + requestPath);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        request.release();
        byte[] body = found.get().content();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(found.get().status()), head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, found.get().contentType());
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        response.headers().set("X-Content-Type-Options", "nosniff");
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    static boolean offersSip(String header) {
        if (header == null) {
            return false;
        }
        for (String p : header.split(",")) {
            if (p.trim().equalsIgnoreCase(SUBPROTOCOL)) {
                return true;
            }
        }
        return false;
    }

    private static void reject(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String text) {
        request.release();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
