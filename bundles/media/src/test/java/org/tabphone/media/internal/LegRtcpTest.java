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

/**
 * When the gateway reports to a leg (RFC 3550 §6.2 as the task sets it): only once it is answered,
 * never while it is on hold, never to a browser before DTLS keyed SRTCP, to the phone's RTCP address
 * and then to where its RTCP really comes from; an SR only when RTP went to the leg since the last
 * report. The leg's sockets are {@link EmbeddedChannel}s, so what would go out is read back directly.
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

    @Test
    void nothingWhileTheLegIsOnHold() {
        Leg leg = phone();
        answered(leg);
        leg.receives = false;
        leg.reporter.send(System.nanoTime());
        assertNull(sent(rtcp));
        leg.receives = true;
        leg.reporter.send(System.nanoTime());
        DatagramPacket d = sent(rtcp);
        assertTrue(d != null, "again after the hold");
        d.release();
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
}
