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
 * the leg's SRs (for LSR/DLSR), its blocks about our stream (loss, jitter, round trip), its BYE,
 * and counts its feedback (RFC 4585), which goes nowhere: the far leg gets the gateway's own.
 *
 * <p>Reports go on while the leg is on hold (RFC 3264 §5.1: RTCP flows for sendonly, recvonly and
 * inactive streams alike), so a browser does not time the stream out and the round trip stays
 * fresh: an RR while we send the leg nothing, an SR again once we do. When the leg is released
 * (hang-up, a losing fork branch, a transfer) it gets a last compound ending in a BYE (§6.6).
 *
 * <p>Toward a browser the packet is SRTCP on the RTP port (rtcp-mux, RFC 5761; RFC 3711 §3.4);
 * toward a phone plain RTCP from our RTCP port to its RTCP address (port + 1, or {@code a=rtcp}
 * of RFC 3605), latched to where its RTCP really comes from (symmetric RTCP, RFC 4961). Nothing is
 * sent before ICE and DTLS are done, or after the BYE.
 *
 * <p>Event-loop confined, like the packet path it shares state with; the timer allocates one small
 * array per report, the receive path nothing.
 */
final class LegRtcp {
    /** Also announced in the SDP toward browsers ({@code a=ssrc:<ssrc> cname:}), RFC 7022 allows per-call reuse. */
    static final String CNAME = "tabphone";
    private static final byte[] CNAME_BYTES = CNAME.getBytes(StandardCharsets.US_ASCII);
    /** The BYE's reason (RFC 3550 §6.6): what a capture of a hang-up shows. */
    private static final byte[] BYE_REASON = "call ended".getBytes(StandardCharsets.US_ASCII);

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
    /** Our BYE went (the leg was released after it had been answered). */
    volatile boolean byeSent;
    /** The leg's packets received when it said BYE for the source we report on: no block about it until more come. */
    private long receivedAtBye = -1;
    private long byesSeen;
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

    /**
     * The leg is released: a last report with a BYE if it was answered and we sent it RTP or RTCP
     * (RFC 3550 §6.6, §6.3.7), then no more. Any thread; on the loop it runs at once, else it is queued ahead of the channel's close
     * (the caller closes the channel after this, and the loop runs tasks in order).
     */
    void stop() {
        stopped = true;
        onLoop(() -> {
            if (timer != null) {
                timer.cancel(false);
            }
            // §6.3.7: only a participant that sent RTP or RTCP says BYE
            if (started && !byeSent && (sent > 0 || leg.packetsOut > 0)) {
                sendReport(System.nanoTime(), true);
            }
        });
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else if (!loop.isShuttingDown()) { // the component is going away: its loops take no more work
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
        if (remote.byes() != byesSeen) {
            byesSeen = remote.byes();
            ReceptionStats in = leg.reception;
            if (in.started() && remote.saidBye(in.ssrc())) {
                receivedAtBye = in.received(); // §6.3.7: that source left; its figures stay as they were
            }
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
            reported ? remote.jitter() * 1000.0 / clockRate : -1, remote.roundTripMillis(),
            remote.fractionLostRatio(), remote.feedback(), remote.extendedReports() + remote.otherPackets(),
            refused, byeSent, remote.byes() > 0);
    }

    /** One line for the log when the leg goes. */
    String summary() {
        return "RTCP sent " + sent + (byeSent ? " (BYE last)" : "") + ", received " + remote.packets()
            + " (" + remote.feedback() + " feedback, " + remote.extendedReports() + " XR, " + remote.byes() + " BYE)"
            + ", refused " + refused
            + (remote.haveReport() ? ", the leg reports " + remote.cumulativeLost() + " of ours lost" : "")
            + (remote.roundTripCompact() >= 0 ? String.format(", round trip %.1f ms", remote.roundTripMillis()) : "");
    }

    /** Sends one report now if the leg may get one. */
    void send(long nowNanos) {
        if (!stopped) {
            sendReport(nowNanos, false);
        }
    }

    /**
     * A report, and with {@code bye} the BYE after it. On hold too (§5.1 of RFC 3264); not to an
     * unspecified address, nor after our BYE.
     */
    private void sendReport(long nowNanos, boolean bye) {
        SrtpSession srtp = leg.srtp;
        boolean webrtc = leg.kind == EndpointKind.WEBRTC;
        InetSocketAddress dst = webrtc ? leg.remote : rtcpRemote;
        Channel ch = webrtc ? leg.rtp : leg.rtcp;
        if (byeSent || !bye && leg.route == null || dst == null || dst.getAddress().isAnyLocalAddress() || ch == null
            || !ch.isRegistered() || webrtc && srtp == null) {
            return;
        }
        byte[] p = new byte[RtcpWriter.MAX_COMPOUND + (srtp == null ? 0 : srtp.profile().rtcpOverhead())];
        int len = write(p, nowNanos);
        if (bye) {
            len += RtcpWriter.writeBye(p, len, leg.rewriter.ssrc(), BYE_REASON);
            byeSent = true;
        }
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
        // no block about a source that said BYE and sent nothing since (RFC 3550 §6.3.7)
        int blocks = in.started() && !(receivedAtBye == in.received() && remote.saidBye(in.ssrc())) ? 1 : 0;
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
