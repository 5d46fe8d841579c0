package org.tabphone.media.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaException;

/**
 * Opens and releases one session's legs: a port pair (RTP, and RTCP for phones) on the session's
 * event loop with its packet handlers, and DTLS and ICE-Lite for browsers.
 */
final class LegPorts {
    private static final Logger LOG = LoggerFactory.getLogger(LegPorts.class);

    private final MediaContext ctx;
    private final String session;
    private final EventLoop loop;

    LegPorts(MediaContext ctx, String session, EventLoop loop) {
        this.ctx = ctx;
        this.session = session;
        this.loop = loop;
    }

    /** A new leg toward {@code peer}'s side: 503 when no port is left in the range or none can be bound. */
    Leg open(String role, EndpointKind kind, InetSocketAddress peer) throws MediaException {
        InetAddress local = ctx.addresses().towards(peer);
        List<LegHandler> handlers = new ArrayList<>(2);
        MediaSockets.Bound bound;
        try {
            bound = ctx.sockets().bind(ctx.ports(), ctx.settings().bindAddress(), loop, kind == EndpointKind.RTP,
                port -> {
                    LegHandler h = new LegHandler(ctx.counters());
                    handlers.add(h);
                    return (ChannelHandler) h;
                });
        } catch (IOException e) {
            throw new MediaException(503, "can't bind a media port: " + e.getMessage());
        }
        if (bound == null) {
            throw new MediaException(503, "no media ports left in " + ctx.settings().portMin() + "-"
                + ctx.settings().portMax());
        }
        LegDtls dtls = kind == EndpointKind.WEBRTC
            ? new LegDtls(session + "/" + role, ctx.dtlsConfig(), ctx.handshakes(), ctx.counters()) : null;
        IceLite ice = dtls == null ? null : new IceLite(dtls::iceConnected);
        Leg leg = new Leg(role, kind, bound.port(), local, bound.rtp(), bound.rtcp(), ice, dtls, loop, ctx.counters());
        if (dtls != null) {
            dtls.attach(leg);
        }
        handlers.forEach(h -> h.attach(leg));
        return leg;
    }

    /** Unroutes and closes the leg, and gives its ports back. */
    void release(Leg leg) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("media {} {}: {}", session, leg.role, leg.reporter.summary());
        }
        leg.released = true; // before the route goes: late packets count as such, not as "not connected"
        leg.route = null;
        leg.close();
        ctx.ports().release(leg.port);
    }
}
