package org.tabphone.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.internal.rtcp.RemoteReports;
import org.tabphone.media.internal.rtcp.RtcpReader;
import org.tabphone.media.internal.rtcp.RtcpWriter;
import org.tabphone.media.internal.srtp.SrtpProfile;
import org.tabphone.media.internal.srtp.SrtpSession;

/**
 * When the gateway reports to a leg (RFC 3550 §6.2 as the task sets it): only once it is answered,
 * on hold too (RFC 3264 §5.1), a last one with a BYE when it is released (§6.6), never to a browser
 * before DTLS keyed SRTCP, to the phone's RTCP address and then to where its RTCP really comes
 * from; an SR only when RTP went to the leg since the last report. The leg's sockets are {@link EmbeddedChannel}s, so what would go out is read back directly.
 */
class LegRtcpTest {
    private static final Format PCMU = Format.of(0, "PCMU", 8000);
    private final EmbeddedChannel rtp = new EmbeddedChannel();
    private final EmbeddedChannel rtcp = new EmbeddedChannel();

    @AfterEach
    void close() {
        rtp.finishAndReleaseAll();
        rtcp.finishAndReleaseAll();
    }

    private Leg phone() {
        Leg leg = new Leg("callee:b1", EndpointKind.RTP, 20000, InetAddress.getLoopbackAddress(), rtp, rtcp, null, null,
            rtp.eventLoop());
        leg.format = PCMU;
        leg.remote = new InetSocketAddress(InetAddress.getLoopbackAddress(), 4000);
        leg.reporter.remoteFromSdp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 4001));
        rtp.runPendingTasks();
        return leg;
    }

    private static void answered(Leg leg) {
        leg.route = new Route(leg, PCMU, null, PCMU, null, false, new CodecRegistry());
    }

    /** The report sent on {@code ch}, or null; releases it. */
    private static DatagramPacket sent(EmbeddedChannel ch) {
        return ch.readOutbound();
    }

    private static int type(DatagramPacket d) {
        return d.content().getUnsignedByte(1);
    }

    @Test
    void nothingBeforeTheLegIsAnswered() {
        Leg leg = phone();
        leg.reporter.send(System.nanoTime());
        assertNull(sent(rtcp));
        assertEquals(0, leg.reporter.sent);
    }

    @Test
    void anEmptyReceiverReportFromOurRtcpPortToThePhonesUntilItSendsUsAnything() {
        Leg leg = phone();
        answered(leg);
        leg.reporter.send(System.nanoTime());
        DatagramPacket d = sent(rtcp);
        try {
            assertEquals(4001, d.recipient().getPort(), "port + 1 of the SDP's RTP port");
            ByteBuf b = d.content();
            assertEquals(0x80, b.getUnsignedByte(0), "no report block: nothing received");
            assertEquals(201, type(d), "RR: nothing sent to the leg");
            assertEquals(leg.rewriter.ssrc(), b.getInt(4));
            assertEquals(8 + 20, b.readableBytes(), "RR + SDES CNAME");
            assertNull(sent(rtp), "RTCP of a phone goes from the RTCP port");
        } finally {
            d.release();
        }
    }

    @Test
    void aSenderReportOnlyWhenRtpWentSinceTheLastReport() {
        Leg leg = phone();
        answered(leg);
        long now = System.nanoTime();
        ByteBuf pkt = Unpooled.wrappedBuffer(RtpRelayTest.rtp(0, 10, 1600, 77, (byte) 0, 160));
        leg.send(pkt, 8000, now);
        DatagramPacket media = sent(rtp);
        int gatewaySsrc = media.content().getInt(8);
        media.release();
        leg.received(RtpRelayTest.rtp(0, 5, 800, 0x4242, (byte) 0, 160), 0, 172, now);
        leg.reporter.send(now + 20_000_000L);
        DatagramPacket sr = sent(rtcp);
        try {
            assertEquals(200, type(sr));
            assertEquals(0x81, sr.content().getUnsignedByte(0), "one block: the leg's stream");
            assertEquals(gatewaySsrc, sr.content().getInt(4), "from the SSRC of the RTP");
            assertEquals(1, sr.content().getInt(20), "one packet sent");
            assertEquals(160, sr.content().getInt(24), "160 payload octets");
            assertEquals(0x4242, sr.content().getInt(28), "about the phone's SSRC");
        } finally {
            sr.release();
        }
        leg.reporter.send(now + 5_000_000_000L);
        DatagramPacket rr = sent(rtcp);
        assertEquals(201, type(rr), "nothing sent since: RR");
        rr.release();
    }

    /** RFC 3264 §5.1: RTCP goes on for sendonly, recvonly and inactive streams; RR while we send nothing, SR again after. */
    @Test
    void rfc3264_5_1_reportsGoOnWhileTheLegIsOnHold() {
        Leg leg = phone();
        answered(leg);
        long now = System.nanoTime();
        leg.received(RtpRelayTest.rtp(0, 5, 800, 0x4242, (byte) 0, 160), 0, 172, now);
        leg.receives = false; // the phone holds (sendonly / inactive / c=0.0.0.0): no RTP to it
        leg.send(Unpooled.wrappedBuffer(RtpRelayTest.rtp(0, 10, 1600, 77, (byte) 0, 160)), 8000, now);
        assertNull(sent(rtp), "no RTP to a leg on hold");
        leg.reporter.send(now);
        DatagramPacket held = sent(rtcp);
        try {
            assertEquals(201, type(held), "an RR while the gateway sends the leg nothing");
            assertEquals(0x81, held.content().getUnsignedByte(0), "still a block about the leg's stream");
            assertEquals(0x4242, held.content().getInt(8));
        } finally {
            held.release();
        }
        leg.receives = true; // unhold: RTP flows, the next report is an SR with the counts of the whole call
        leg.send(Unpooled.wrappedBuffer(RtpRelayTest.rtp(0, 11, 1760, 77, (byte) 0, 160)), 8000, now + 20_000_000L);
        sent(rtp).release();
        leg.reporter.send(now + 5_000_000_000L);
        DatagramPacket sr = sent(rtcp);
        try {
            assertEquals(200, type(sr), "SR once the gateway sends again");
            assertEquals(1, sr.content().getInt(20), "the packet sent after the hold");
        } finally {
            sr.release();
        }
        assertEquals(2, leg.reporter.sent);
    }

    /** RFC 3550 §6.6: the released leg gets a last compound — SR (RTP went), SDES, then BYE from our SSRC. */
    @Test
    void rfc3550_6_6_aReleasedLegGetsAReportEndingInBye() {
        Leg leg = phone();
        answered(leg);
        leg.reporter.start();
        rtp.runPendingTasks();
        long now = System.nanoTime();
        leg.send(Unpooled.wrappedBuffer(RtpRelayTest.rtp(0, 10, 1600, 77, (byte) 0, 160)), 8000, now);
        sent(rtp).release();
        leg.route = null; // as AnchoredSession.release does before close
        leg.reporter.stop();
        rtp.runPendingTasks();
        DatagramPacket d = sent(rtcp);
        try {
            ByteBuf b = d.content();
            assertEquals(200, b.getUnsignedByte(1), "SR first");
            int sdes = 28;
            assertEquals(202, b.getUnsignedByte(sdes + 1), "SDES next");
            int bye = sdes + RtcpWriter.sdesLength(LegRtcp.CNAME.length());
            assertEquals(0x81, b.getUnsignedByte(bye), "BYE, SC = 1");
            assertEquals(203, b.getUnsignedByte(bye + 1));
            assertEquals(leg.rewriter.ssrc(), b.getInt(bye + 4), "our SSRC leaves");
            assertEquals(bye + RtcpWriter.byeLength("call ended".length()), b.readableBytes(), "BYE last");
        } finally {
            d.release();
        }
        assertTrue(leg.info().rtcp().byeSent());
        leg.reporter.stop();
        leg.reporter.send(System.nanoTime());
        rtp.runPendingTasks();
        assertNull(sent(rtcp), "nothing after the BYE, and only one BYE");
    }

    @Test
    void rfc3550_6_3_7_noByeWhenNothingWasSentToTheLeg() {
        Leg leg = phone();
        answered(leg);
        leg.reporter.start();
        leg.route = null;
        leg.reporter.stop(); // hung up before the first report and before any RTP went
        rtp.runPendingTasks();
        assertNull(sent(rtcp));
    }

    @Test
    void noByeToALegThatWasNeverAnswered() {
        Leg leg = phone(); // a losing fork branch: offered, never connected
        leg.reporter.stop();
        rtp.runPendingTasks();
        assertNull(sent(rtcp));
        assertTrue(!leg.info().rtcp().byeSent());
    }

    /** RFC 3550 §6.3.7: after the leg's BYE, no more blocks about that source until it sends again; figures kept. */
    @Test
    void rfc3550_6_6_theLegsByeEndsOurBlocksAboutItsSource() {
        Leg leg = phone();
        answered(leg);
        long now = System.nanoTime();
        leg.received(RtpRelayTest.rtp(0, 5, 800, 0x4242, (byte) 0, 160), 0, 172, now);
        byte[] p = new byte[64];
        int n = RtcpWriter.writeReceiverReport(p, 0, 0x4242, 1);
        n += RtcpWriter.writeReportBlock(p, n, leg.rewriter.ssrc(), 64, 7, 100, 16, 0, 0);
        n += RtcpWriter.writeBye(p, n, 0x4242, null);
        leg.reporter.onRtcp(p, 0, n, new InetSocketAddress(InetAddress.getLoopbackAddress(), 4001), true, now);
        var info = leg.info().rtcp();
        assertTrue(info.byeReceived());
        assertEquals(7, info.remoteLost(), "the report that came with the BYE is kept");
        assertEquals(0.25, info.remoteFractionLost(), 1e-9);
        leg.reporter.send(now + 1_000_000L);
        DatagramPacket d = sent(rtcp);
        assertEquals(0x80, d.content().getUnsignedByte(0), "no block about a source that left");
        d.release();
        leg.received(RtpRelayTest.rtp(0, 6, 960, 0x4242, (byte) 0, 160), 0, 172, now + 20_000_000L);
        leg.reporter.send(now + 5_000_000_000L);
        d = sent(rtcp);
        assertEquals(0x81, d.content().getUnsignedByte(0), "it sends again: reported on again");
        d.release();
    }

    /** Feedback from a leg is counted and goes nowhere: the only thing sent is the gateway's own report. */
    @Test
    void rfc4585_feedbackIsCountedAndNotForwarded() {
        Leg leg = phone();
        answered(leg);
        byte[] pli = java.util.HexFormat.of().parseHex("81ce0002" + "00004242" + "00000000");
        leg.reporter.onRtcp(pli, 0, pli.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), 4001), true,
            System.nanoTime());
        assertEquals(1, leg.info().rtcp().feedbackReceived());
        assertEquals(1, leg.info().rtcp().received());
        assertNull(sent(rtcp));
        assertNull(sent(rtp));
        byte[] junk = {(byte) 0x80, (byte) 0xcd, 0, 9, 1, 2, 3, 4};
        leg.reporter.onRtcp(junk, 0, junk.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), 4001), true,
            System.nanoTime());
        assertEquals(1, leg.info().rtcp().refused());
    }

    @Test
    void nothingToAnUnspecifiedAddress() {
        Leg leg = phone();
        answered(leg);
        leg.reporter.remoteFromSdp(new InetSocketAddress("0.0.0.0", 4001));
        rtp.runPendingTasks();
        leg.reporter.send(System.nanoTime());
        assertNull(sent(rtcp));
    }

    @Test
    void rfc4961_latchesToWhereThePhonesRtcpComesFrom() {
        Leg leg = phone();
        answered(leg);
        byte[] rr = new byte[8];
        org.tabphone.media.internal.rtcp.RtcpWriter.writeReceiverReport(rr, 0, 0x4242, 0);
        InetSocketAddress nat = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5555);
        leg.reporter.onRtcp(rr, 0, 8, nat, true, System.nanoTime());
        assertEquals(nat, leg.reporter.rtcpRemote());
        leg.reporter.send(System.nanoTime());
        DatagramPacket d = sent(rtcp);
        assertEquals(5555, d.recipient().getPort());
        d.release();
    }

    @Test
    void nothingToABrowserBeforeDtlsKeyedSrtcp() {
        Leg leg = new Leg("caller", EndpointKind.WEBRTC, 20000, InetAddress.getLoopbackAddress(), rtp, null, null, null,
            rtp.eventLoop());
        leg.format = PCMU;
        leg.remote = new InetSocketAddress(InetAddress.getLoopbackAddress(), 4000); // ICE done
        answered(leg);
        leg.reporter.send(System.nanoTime());
        assertNull(sent(rtp), "no SRTP session yet");
        assertEquals(0, leg.reporter.sent);
    }

    /** Toward a browser the last compound with its BYE is SRTCP on the RTP port (rtcp-mux), and the browser's key opens it. */
    @Test
    void rfc3711_3_4_theByeToABrowserIsSrtcp() {
        SrtpProfile profile = SrtpProfile.AES128_CM_HMAC_SHA1_80;
        byte[] k1 = MediaPacketFuzzTest.key(profile.keyLength(), 0x10);
        byte[] s1 = MediaPacketFuzzTest.key(profile.saltLength(), 0x40);
        byte[] k2 = MediaPacketFuzzTest.key(profile.keyLength(), 0x20);
        byte[] s2 = MediaPacketFuzzTest.key(profile.saltLength(), 0x60);
        Leg leg = new Leg("caller", EndpointKind.WEBRTC, 20000, InetAddress.getLoopbackAddress(), rtp, null, null, null,
            rtp.eventLoop());
        leg.format = PCMU;
        leg.remote = new InetSocketAddress(InetAddress.getLoopbackAddress(), 4000);
        try (SrtpSession gateway = new SrtpSession(profile, k1, s1, k2, s2, 1);
                SrtpSession browser = new SrtpSession(profile, k2, s2, k1, s1, 1)) {
            leg.srtp = gateway;
            answered(leg);
            leg.reporter.start();
            leg.reporter.send(System.nanoTime()); // a report went: the leg is a participant that may say BYE
            sent(rtp).release();
            leg.route = null;
            leg.reporter.stop();
            rtp.runPendingTasks();
            DatagramPacket d = sent(rtp);
            try {
                assertEquals(4000, d.recipient().getPort(), "rtcp-mux: to the browser's RTP address");
                byte[] a = new byte[d.content().readableBytes()];
                d.content().getBytes(0, a);
                int n = browser.unprotectRtcp(a, 0, a.length);
                assertTrue(n > 0, "the browser's SRTCP context opens it: " + n);
                RemoteReports r = new RemoteReports();
                assertTrue(RtcpReader.read(a, 0, n, 0, 0, 0, r), "a valid compound inside");
                assertTrue(r.saidBye(leg.rewriter.ssrc()));
                assertEquals(201, a[1] & 0xFF, "an RR first (no RTP went)");
            } finally {
                d.release();
            }
        }
    }
}
