package org.tabphone.media.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaSessionInfo;
import org.tabphone.media.internal.rtcp.NtpClock;
import org.tabphone.media.internal.rtcp.ReceptionStats;
import org.tabphone.media.internal.rtcp.RemoteReports;
import org.tabphone.media.internal.rtcp.RtcpInterval;
import org.tabphone.media.internal.rtcp.RtcpReader;
import org.tabphone.media.internal.rtcp.RtcpWriter;
import org.tabphone.media.internal.srtp.SrtpSession;

/**
 * RTCP of one leg, terminated by the gateway (RFC 3550 §6, §7.2): the leg only ever sees the
 * gateway's SSRC and numbering, so the far side's reports would name SSRCs and sequence numbers it
 * never saw. Instead the gateway reports for itself as the source of the stream it sends the leg —
 * an SR about that stream (or an RR when it sent nothing since the last report) with one block
 * about the stream the leg sends, and its CNAME — every ~5 s once the leg is answered; and it reads
 * the leg's SRs (for LSR/DLSR) and its blocks about our stream (loss, jitter, round trip).
 *
 * <p>Toward a browser the packet is SRTCP on the RTP port (rtcp-mux, RFC 5761; RFC 3711 §3.4);
 * toward a phone plain RTCP from our RTCP port to its RTCP address (port + 1, or {@code a=rtcp}
 * of RFC 3605), latched to where its RTCP really comes from (symmetric RTCP, RFC 4961). Nothing is
 * sent before ICE and DTLS are done, while the leg is on hold, or after it closed.
 *
 * <p>Event-loop confined, like the packet path it shares state with; the timer allocates one small
 * array per report, the receive path nothing.
 */
final class LegRtcp {
    /** Also announced in the SDP toward browsers ({@code a=ssrc:<ssrc> cname:}), RFC 7022 allows per-call reuse. */
    static final String CNAME = "tabphone";
    private static final byte[] CNAME_BYTES = CNAME.getBytes(StandardCharsets.US_ASCII);

    private final Leg leg;
    private final EventLoop loop;
    private final NtpClock clock = NtpClock.system();
    final RemoteReports remote = new RemoteReports();
    /** Where a phone wants RTCP: from its SDP, then latched. Unused on rtcp-mux (WebRTC) legs. */
    private volatile InetSocketAddress rtcpRemote;
    private boolean latched;
    private boolean started;
    private volatile boolean stopped;
    private ScheduledFuture<?> timer;
    /** Our RTP packets to the leg when the last report went: an SR only if more went since. */
    private long packetsAtLastReport;
    volatile long sent;
    /** RTCP from the leg that failed SRTCP or the compound checks, and reports SRTCP refused to protect. */
    volatile long refused;

    LegRtcp(Leg leg, EventLoop loop) {
        this.leg = leg;
        this.loop = loop;
    }

    /** The phone's RTCP address from its SDP (a new one unlatches, as RTP does). */
    void remoteFromSdp(InetSocketAddress address) {
        if (address != null && !address.equals(rtcpRemote)) {
            rtcpRemote = address;
            onLoop(() -> latched = false);
        }
    }

    InetSocketAddress rtcpRemote() {
        return rtcpRemote;
    }

    /** The leg is answered: report to it from now on. Idempotent; any thread. */
    void start() {
        onLoop(() -> {
            if (!started && !stopped) {
                started = true;
                schedule(true);
            }
        });
    }

    /** The leg is released. Any thread. */
    void stop() {
        stopped = true;
        onLoop(() -> {
            if (timer != null) {
                timer.cancel(false);
            }
        });
    }

    private void onLoop(Runnable task) {
        if (!loop.isShuttingDown()) { // the component is going away: its loops take no more work
            loop.execute(task);
        }
    }

    private void schedule(boolean first) {
        timer = loop.schedule(this::tick, RtcpInterval.next(first, ThreadLocalRandom.current()), TimeUnit.NANOSECONDS);
    }

    private void tick() {
        if (stopped) {
            return;
        }
        schedule(false); // first: a report that fails must not end the reporting
        send(System.nanoTime());
    }

    /** An RTCP packet from the leg, already SRTCP-unprotected. {@code fromRtcpPort}: it came to port + 1. */
    void onRtcp(byte[] p, int off, int len, InetSocketAddress sender, boolean fromRtcpPort, long nowNanos) {
        if (!RtcpReader.read(p, off, len, leg.rewriter.ssrc(), nowNanos, clock.ntp(nowNanos), remote)) {
            refused++;
            return;
        }
        if (fromRtcpPort && !latched) {
            rtcpRemote = sender; // symmetric RTCP: answer where the phone's reports come from
            latched = true;
        }
    }

    /** For the shell; {@code clockRate} of the stream we send the leg (the same format as it sends us). */
    MediaSessionInfo.RtcpInfo info(int clockRate) {
        boolean reported = remote.haveReport();
        return new MediaSessionInfo.RtcpInfo(sent, remote.packets(), reported ? remote.cumulativeLost() : -1,
            reported ? remote.jitter() * 1000.0 / clockRate : -1, remote.roundTripMillis());
    }

    /** One line for the log when the leg goes. */
    String summary() {
        return "RTCP sent " + sent + ", received " + remote.packets() + ", refused " + refused
            + (remote.haveReport() ? ", the leg reports " + remote.cumulativeLost() + " of ours lost" : "")
            + (remote.roundTripCompact() >= 0 ? String.format(", round trip %.1f ms", remote.roundTripMillis()) : "");
    }

    /** Sends one report now if the leg may get one. */
    void send(long nowNanos) {
        SrtpSession srtp = leg.srtp;
        boolean webrtc = leg.kind == EndpointKind.WEBRTC;
        InetSocketAddress dst = webrtc ? leg.remote : rtcpRemote;
        Channel ch = webrtc ? leg.rtp : leg.rtcp;
        if (leg.route == null || !leg.receives || dst == null || ch == null || !ch.isRegistered()
            || webrtc && srtp == null) {
            return;
        }
        byte[] p = new byte[RtcpWriter.MAX_COMPOUND + (srtp == null ? 0 : srtp.profile().rtcpOverhead())];
        int len = write(p, nowNanos);
        if (srtp != null) {
            len = srtp.protectRtcp(p, 0, len);
            if (len < 0) {
                refused++;
                return;
            }
        }
        sent++;
        ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(p, 0, len), dst), ch.voidPromise());
    }

    /** Writes the compound packet for {@code nowNanos} at the start of {@code p}; returns its length. */
    int write(byte[] p, long nowNanos) {
        StreamRewriter out = leg.rewriter;
        ReceptionStats in = leg.reception;
        int ssrc = out.ssrc();
        int blocks = in.started() ? 1 : 0;
        int at;
        if (out.started() && leg.packetsOut > packetsAtLastReport) {
            at = RtcpWriter.writeSenderReport(p, 0, ssrc, clock.ntp(nowNanos), out.timestampAt(nowNanos),
                leg.packetsOut, leg.payloadOctetsOut, blocks);
        } else {
            at = RtcpWriter.writeReceiverReport(p, 0, ssrc, blocks);
        }
        packetsAtLastReport = leg.packetsOut;
        if (blocks > 0) {
            int source = in.ssrc();
            at += RtcpWriter.writeReportBlock(p, at, source, in.takeFractionLost(), in.cumulativeLostField(),
                in.extendedHighestSeq(), (long) in.jitter(), remote.lastSenderReport(source),
                remote.delaySinceLastSenderReport(source, nowNanos));
        }
        at += RtcpWriter.writeSdesCname(p, at, ssrc, CNAME_BYTES);
        return at;
    }
}
