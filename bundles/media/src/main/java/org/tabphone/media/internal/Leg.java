package org.tabphone.media.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import org.tabphone.media.api.DropReason;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaSessionInfo.LegInfo;
import org.tabphone.media.api.TapSide;
import org.tabphone.media.internal.rtcp.ReceptionStats;
import org.tabphone.media.internal.srtp.SrtpSession;
import org.tabphone.media.internal.tap.SessionTap;
import org.tabphone.sdp.api.SessionDescription;

/**
 * One side of a call's media: our port(s) toward one endpoint, what was negotiated with it, and
 * the per-direction state of the packets we send it. Packet-path fields are confined to the
 * session's event loop; the control path publishes through volatile fields.
 */
final class Leg {
    /** "caller" or "callee:<branch>"; a caller's transfer makes the callee that stays the caller. */
    volatile String role;
    final EndpointKind kind;
    final int port;
    /** Our address as written in this leg's SDP (reachable from its endpoint). */
    final InetAddress localAddress;
    final Channel rtp;
    /** RTCP of an RTP leg (port + 1); null for WebRTC legs (rtcp-mux). */
    final Channel rtcp;
    /** Replaced when the browser restarts ICE (new ufrag/pwd both ways, RFC 8445 §9). */
    volatile IceLite ice;
    final LegDtls dtls;
    /** Outgoing stream toward this leg: one SSRC for the whole call. */
    final StreamRewriter rewriter = new StreamRewriter(ThreadLocalRandom.current().nextInt());

    /** Where media for this endpoint goes: from SDP, then latched from what arrives (symmetric RTP, ICE). */
    volatile InetSocketAddress remote;
    /** Packets from this leg go here; null until the call's legs are connected. */
    volatile Route route;
    volatile SrtpSession srtp;
    /** Set on the loop when the leg's SRTP was released; later keys are dropped. */
    private boolean closed;
    /** The formats this leg's SDP agreed on (for the shell). */
    volatile Format format;
    /** The call's tap (recording, interception) and which side this leg is in it; null when untapped. */
    volatile SessionTap tap;
    volatile TapSide tapSide;
    /** A caller's transfer target that answered: how it bridges to the callee once the caller goes. */
    CodecPlan.Bridge pendingBridge;
    /** False while the endpoint said it won't receive (sendonly, inactive, c=0.0.0.0): nothing is sent to it. */
    volatile boolean receives = true;

    // SDP bookkeeping, guarded by the session's lock
    final long sdpSessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    long sdpVersion;
    /** The formats of our SDP toward this leg (offered, then the agreed ones). */
    List<Format> localFormats = List.of();
    /** Our a=setup toward this leg (WebRTC). */
    String setup;
    /** The endpoint's last SDP. */
    SessionDescription remoteSdp;
    /** Our last SDP to the endpoint. */
    SessionDescription localSdp;
    volatile boolean transcoding;
    /** An RTP leg latches the source of its first packet (symmetric RTP, RFC 4961). */
    boolean latched;

    /** When the last RTP packet arrived (System.nanoTime), for the RTP timeout; read by the sweeper thread. */
    volatile long lastReceivedNanos;
    long packetsIn;
    long bytesIn;
    long packetsOut;
    long bytesOut;
    /** RTP payload octets sent (no header, padding or SRTP tag): the SR's sender octet count. */
    long payloadOctetsOut;
    long dropped;
    /** {@link #dropped} by reason (ordinal): made with the leg, counted on the loop, read by the shell. */
    private final long[] drops = new long[DropReason.values().length];
    /** The totals every drop is added to as well. */
    private final RelayCounters counters;
    /** Set when the session released the leg: what still arrives until its port closes is late, not lost. */
    volatile boolean released;
    /** What this leg sends us: sequence, loss (RFC 3550 A.1/A.3) and jitter (A.8), for our reports and LegInfo. */
    final ReceptionStats reception = new ReceptionStats();
    /** The RTCP the gateway terminates toward this leg. */
    final LegRtcp reporter;

    Leg(String role, EndpointKind kind, int port, InetAddress localAddress, Channel rtp, Channel rtcp, IceLite ice,
        LegDtls dtls, EventLoop loop) {
        this(role, kind, port, localAddress, rtp, rtcp, ice, dtls, loop, new RelayCounters());
    }

    Leg(String role, EndpointKind kind, int port, InetAddress localAddress, Channel rtp, Channel rtcp, IceLite ice,
        LegDtls dtls, EventLoop loop, RelayCounters counters) {
        this.counters = counters;
        this.role = role;
        this.kind = kind;
        this.port = port;
        this.localAddress = localAddress;
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.ice = ice;
        this.dtls = dtls;
        this.reporter = new LegRtcp(this, loop);
    }

    String role() {
        return role;
    }

    /** Counts a received RTP packet (after SRTP): reception statistics for RTCP, loss and jitter for LegInfo. */
    void received(byte[] p, int off, int len, long nowNanos) {
        lastReceivedNanos = nowNanos;
        packetsIn++;
        bytesIn += len;
        Format f = format;
        int rate = f == null ? 8000 : f.clockRate();
        reception.onPacket(RtpHeader.ssrc(p, off), RtpHeader.sequence(p, off), RtpHeader.timestamp(p, off),
            nowNanos / 1000 * rate / 1_000_000, rate);
    }

    /**
     * Hands a copy of an RTP packet this leg sent (after SRTP, before any mapping or transcoding)
     * to the call's tap, if any: a copy into a preallocated ring, never a wait.
     */
    void tap(byte[] p, int off, int len, long nowNanos) {
        SessionTap t = tap;
        if (t != null) {
            Format f = format;
            t.offer(tapSide, p, off, len, nowNanos, f == null ? -1 : f.pt(), f == null ? null : f.encoding(),
                f == null ? 0 : f.clockRate());
        }
    }

    /** On the loop: a packet this leg sent us, or one for it, went nowhere. */
    void drop(DropReason reason) {
        dropped++;
        drops[reason.ordinal()]++;
        counters.dropped(reason);
    }

    /**
     * Sends an RTP packet (already mapped) to this leg's endpoint: our SSRC and numbering, SRTP
     * toward browsers — never before DTLS is done. Takes ownership of {@code buf}. False when the
     * packet was dropped (and counted) instead.
     */
    boolean send(ByteBuf buf, int clockRate, long nowNanos) {
        InetSocketAddress dst = remote;
        SrtpSession s = srtp;
        boolean receiving = receives;
        DropReason refused = dst == null ? DropReason.NO_REMOTE
            : !receiving ? DropReason.ON_HOLD
            : kind == EndpointKind.WEBRTC && s == null ? DropReason.SRTP_NOT_READY
            : !rtp.isRegistered() ? DropReason.CLOSED : null;
        if (refused != null) {
            if (!receiving) {
                rewriter.heldBack(); // on hold: what we hold back is not loss to it
            }
            drop(refused);
            buf.release();
            return false;
        }
        byte[] a = buf.array();
        int off = buf.arrayOffset() + buf.readerIndex();
        int len = buf.readableBytes();
        rewriter.rewrite(a, off, clockRate, nowNanos);
        int payload = RtpHeader.payloadOffset(a, off, len);
        int payloadLength = payload < 0 ? 0 : Math.max(0, RtpHeader.payloadLength(a, off, len, payload));
        if (s != null) {
            int room = len + s.profile().rtpOverhead();
            if (buf.capacity() - buf.readerIndex() < room) {
                ByteBuf bigger = buf.alloc().heapBuffer(room);
                bigger.writeBytes(buf);
                buf.release();
                buf = bigger;
                a = buf.array();
                off = buf.arrayOffset() + buf.readerIndex();
            }
            len = s.protectRtp(a, off, len);
            if (len < 0) {
                drop(DropReason.SRTP_PROTECT);
                buf.release();
                return false;
            }
            buf.writerIndex(buf.readerIndex() + len);
        }
        packetsOut++;
        bytesOut += len;
        payloadOctetsOut += payloadLength;
        rtp.writeAndFlush(new DatagramPacket(buf, dst), rtp.voidPromise());
        return true;
    }

    /** Sends a datagram we made (STUN response, DTLS record) from this leg's port. */
    void sendRaw(ByteBuf buf, InetSocketAddress dst) {
        if (!rtp.isRegistered()) {
            buf.release();
            return;
        }
        rtp.writeAndFlush(new DatagramPacket(buf, dst), rtp.voidPromise());
    }

    LegInfo info() {
        InetSocketAddress r = remote;
        Format f = format;
        int rate = f == null ? 8000 : f.clockRate();
        return new LegInfo(role, kind, port, r == null ? "" : r.getAddress().getHostAddress() + ":" + r.getPort(),
            f == null ? "" : f.rtpmap(), dtls == null ? "" : dtls.state(), transcoding, packetsIn, bytesIn,
            packetsOut, bytesOut, reception.totalLost(), dropped, f == null ? 0 : reception.jitter() * 1000.0 / rate,
            reporter.info(rate), dropsByReason());
    }

    /** The reasons this leg's packets were dropped for, those that occurred. */
    private Map<DropReason, Long> dropsByReason() {
        Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            long n = drops[r.ordinal()];
            if (n > 0) {
                out.put(r, n);
            }
        }
        return out;
    }

    /**
     * Closes the sockets, DTLS and SRTP; the port goes back to the allocator through the session.
     * SRTP is released on the loop after the last packets queued there (the RTCP BYE): every
     * use of it runs on that loop, so no packet can meet a closed context.
     */
    void close() {
        reporter.stop();
        if (dtls != null) {
            dtls.close();
        }
        rtp.close();
        if (rtcp != null) {
            rtcp.close();
        }
        EventLoop loop = rtp.eventLoop();
        if (loop.inEventLoop()) {
            releaseSrtp();
        } else if (!loop.isShuttingDown()) {
            loop.execute(this::releaseSrtp);
        }
    }

    /** On the loop: the keys of a finished DTLS handshake; a leg closed meanwhile drops them at once. */
    void useSrtp(SrtpSession keys) {
        if (closed) {
            keys.close();
        } else {
            srtp = keys;
        }
    }

    private void releaseSrtp() {
        closed = true;
        SrtpSession s = srtp;
        srtp = null;
        if (s != null) {
            s.close();
        }
    }
}
