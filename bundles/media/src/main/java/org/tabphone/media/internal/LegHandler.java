package org.tabphone.media.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import org.tabphone.media.api.DropReason;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.internal.srtp.SrtpResult;
import org.tabphone.media.internal.srtp.SrtpSession;

/**
 * The packet path of one leg's port: STUN, DTLS and RTP/RTCP told apart by their first byte
 * (RFC 7983 §7), SRTP removed, the payload type mapped (or transcoded) and the packet handed to
 * the other leg — in place, on the session's event loop, without copying the datagram. A packet
 * that goes nowhere is counted by {@link DropReason}, on the leg and in the totals.
 */
final class LegHandler extends ChannelInboundHandlerAdapter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LegHandler.class);
    private final RelayCounters counters;
    private boolean warned;
    /** Set once the leg exists; the port is bound (and may receive) a moment before. */
    private volatile Leg leg;
    /** The leg's RTP from before it was connected; made on the first such packet. */
    private EarlyPackets early;
    /** The user event {@link #connected} fires. */
    private static final Object CONNECTED = new Object() {
        @Override
        public String toString() {
            return "leg connected";
        }
    };

    LegHandler(RelayCounters counters) {
        this.counters = counters;
    }

    void attach(Leg leg) {
        this.leg = leg;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        Leg leg = this.leg;
        if (leg == null) {
            counters.dropped(DropReason.NOT_CONNECTED); // the port is bound a moment before its leg exists
            packet.release();
            return;
        }
        ByteBuf buf = packet.content();
        byte[] a = buf.array();
        int off = buf.arrayOffset() + buf.readerIndex();
        int len = buf.readableBytes();
        int first = len == 0 ? -1 : a[off] & 0xFF;
        boolean webrtc = leg.kind == EndpointKind.WEBRTC;
        if (first >= 128 && first <= 191 && len >= RtpHeader.RTCP_MIN_LENGTH && RtpHeader.isRtcp(a, off)) {
            rtcp(leg, ctx, packet, a, off, len); // terminated here: the gateway reports for itself
            return;
        }
        if (first >= 128 && first <= 191 && RtpHeader.isRtpOrRtcp(a, off, len) && ctx.channel() != leg.rtcp) {
            relay(leg, packet, buf, a, off, len);
            return;
        }
        try {
            if (webrtc && first >= 0 && first <= 3 && leg.ice != null) {
                leg.ice.onStun(leg, a, off, len, packet.sender(), ctx.alloc());
            } else if (webrtc && first >= 20 && first <= 63 && leg.dtls != null) {
                leg.dtls.onRecord(a, off, len, packet.sender());
            } else {
                leg.drop(DropReason.NOT_MEDIA);
            }
        } finally {
            packet.release();
        }
    }

    private void relay(Leg leg, DatagramPacket packet, ByteBuf buf, byte[] a, int off, int len) {
        if (leg.kind == EndpointKind.WEBRTC) {
            SrtpSession s = leg.srtp;
            int n = s == null ? -1 : s.unprotectRtp(a, off, len);
            if (n < 0) {
                drop(leg, packet, s == null ? DropReason.SRTP_NOT_READY
                    : n == SrtpResult.REPLAY || n == SrtpResult.REPLAY_OLD ? DropReason.SRTP_REPLAY : DropReason.SRTP_AUTH);
                return;
            }
            len = n;
            buf.writerIndex(buf.readerIndex() + len);
        } else if (!leg.latched) {
            leg.remote = packet.sender(); // symmetric RTP: answer where the phone really sends from
            leg.latched = true;
        }
        long now = System.nanoTime();
        leg.received(a, off, len, now);
        Route route = leg.route;
        if (route == null) {
            if (!leg.released && leg.format == null) {
                holdEarly(leg, packet, now); // never connected yet: its answer may be on its way to us
            } else {
                drop(leg, packet, leg.released ? DropReason.ENDED : DropReason.NOT_CONNECTED);
            }
            return;
        }
        if (early != null && !early.isEmpty()) {
            relayEarly(leg, route, now); // in the order they came, before this one
        }
        forward(leg, route, packet, now);
    }

    /** Maps (or transcodes) the packet and sends it to the route's leg; takes ownership of {@code packet}. */
    private void forward(Leg leg, Route route, DatagramPacket packet, long now) {
        ByteBuf buf = packet.content();
        byte[] a = buf.array();
        int off = buf.arrayOffset() + buf.readerIndex();
        int len = buf.readableBytes();
        leg.tap(a, off, len, now); // before map(): the tap gets what the leg sent, untouched
        int mapped = route.map(a, off, len, buf.capacity() - buf.readerIndex());
        if (mapped < 0) {
            drop(leg, packet, mapped == Route.NOT_TRANSCODED ? DropReason.TRANSCODE_FAILED : DropReason.UNMAPPED);
            return;
        }
        buf.writerIndex(buf.readerIndex() + mapped); // transcoding across formats changes the length
        if (route.to.send(buf.retain(), route.outClockRate(), now)) { // else counted on the leg it was for
            counters.relayed.increment();
        }
        packet.release();
    }

    private void holdEarly(Leg leg, DatagramPacket packet, long now) {
        if (early == null) {
            early = new EarlyPackets();
        }
        DatagramPacket pushedOut = early.hold(packet, now);
        if (pushedOut != null) {
            drop(leg, pushedOut, DropReason.NOT_CONNECTED);
        }
    }

    /**
     * The held packets that are still fresh and came from where the leg's answer put its media go
     * on; the others are dropped (a port reused at once under load may get the last packets of
     * the call that had it before).
     */
    private void relayEarly(Leg leg, Route route, long now) {
        while (!early.isEmpty()) {
            boolean stale = now - early.oldestArrival() > EarlyPackets.MAX_AGE_NANOS;
            DatagramPacket p = early.poll();
            if (stale || !p.sender().equals(leg.remote)) {
                drop(leg, p, DropReason.NOT_CONNECTED);
            } else {
                forward(leg, route, p, now);
            }
        }
    }

    /**
     * {@link #CONNECTED}, on the loop: the leg's route exists now, the packets held for it go at
     * once rather than with the leg's next packet.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt != CONNECTED) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        Leg leg = this.leg;
        Route route = leg == null ? null : leg.route;
        if (route != null && early != null && !early.isEmpty()) {
            relayEarly(leg, route, System.nanoTime());
        }
    }

    /** Tells the leg's packet path, on its loop, that the leg was connected (routed) from another thread. */
    static void connected(Leg leg) {
        if (!leg.rtp.eventLoop().isShuttingDown()) { // the component stopping: nothing is relayed any more
            leg.rtp.pipeline().fireUserEventTriggered(CONNECTED);
        }
    }

    /** The port closed: packets still held never got a route. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        Leg leg = this.leg;
        while (early != null && !early.isEmpty()) {
            DatagramPacket p = early.poll();
            if (leg != null) {
                leg.drop(DropReason.ENDED);
            }
            p.release();
        }
    }

    /** The leg's RTCP (rtcp-mux on the RTP port for browsers, SRTCP; port + 1 for phones): read, never relayed. */
    private void rtcp(Leg leg, ChannelHandlerContext ctx, DatagramPacket packet, byte[] a, int off, int len) {
        try {
            if (leg.kind == EndpointKind.WEBRTC) {
                SrtpSession s = leg.srtp;
                len = s == null ? -1 : s.unprotectRtcp(a, off, len);
                if (len < 0) {
                    leg.reporter.refused++;
                    return;
                }
            }
            leg.reporter.onRtcp(a, off, len, packet.sender(), ctx.channel() == leg.rtcp, System.nanoTime());
        } finally {
            packet.release();
        }
    }

    private static void drop(Leg leg, DatagramPacket packet, DropReason reason) {
        leg.drop(reason);
        packet.release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a port unreachable from the peer's host and the like: the session goes on, said once per leg
        Leg leg = this.leg;
        if (!warned) {
            warned = true;
            LOG.warn("media {}: {}", leg == null ? ctx.channel() : leg.role, cause.toString(), cause);
        }
    }
}
