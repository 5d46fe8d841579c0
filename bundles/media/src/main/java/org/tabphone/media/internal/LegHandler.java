package org.tabphone.media.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.internal.srtp.SrtpSession;

/**
 * The packet path of one leg's port: STUN, DTLS and RTP/RTCP told apart by their first byte
 * (RFC 7983 §7), SRTP removed, the payload type mapped (or transcoded) and the packet handed to
 * the other leg — in place, on the session's event loop, without copying the datagram.
 */
final class LegHandler extends ChannelInboundHandlerAdapter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LegHandler.class);
    private final RelayCounters counters;
    private boolean warned;
    /** Set once the leg exists; the port is bound (and may receive) a moment before. */
    private volatile Leg leg;

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
                leg.dropped++;
                counters.dropped.increment();
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
                drop(leg, packet);
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
        if (route != null) {
            leg.tap(a, off, len, now); // before map(): the tap gets what the leg sent, untouched
        }
        int mapped = route == null ? -1 : route.map(a, off, len, buf.capacity() - buf.readerIndex());
        if (mapped < 0) {
            drop(leg, packet);
            return;
        }
        buf.writerIndex(buf.readerIndex() + mapped); // transcoding across formats changes the length
        counters.relayed.increment();
        route.to.send(buf.retain(), route.outClockRate(), now);
        packet.release();
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

    private void drop(Leg leg, DatagramPacket packet) {
        leg.dropped++;
        counters.dropped.increment();
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
