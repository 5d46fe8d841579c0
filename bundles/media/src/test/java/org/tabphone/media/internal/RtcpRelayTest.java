package org.tabphone.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaSession;
import org.tabphone.media.api.MediaSessionInfo;
import org.tabphone.media.internal.rtcp.NtpClock;
import org.tabphone.media.internal.rtcp.RtcpWriter;
import org.tabphone.sdp.api.SessionDescription;

/**
 * Two plain RTP phones through a real media component, each with its own RTCP socket: the gateway
 * terminates RTCP per leg (RFC 3550 §6) — each phone gets, on its RTCP address (port + 1 for one,
 * {@code a=rtcp} for the other), an SR from the SSRC the gateway's RTP to it carries, with a block
 * about the phone's own stream (its loss, its last SR echoed as LSR) — and the gateway reads the
 * phones' report blocks about its streams (their loss, the round trip).
 */
class RtcpRelayTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
    private static final InetAddress LO = InetAddress.getLoopbackAddress();
    private static final int GAP = 5;
    private MediaComponent media;
    /** When awaitGatewaySenderReport got its SR (System.nanoTime). */
    private long reportArrived;
    private Phone a;
    private Phone b;

    /** A phone: RTP and RTCP sockets, the SSRC it sends, what it got from the gateway. */
    static final class Phone implements AutoCloseable {
        final DatagramSocket rtp;
        final DatagramSocket rtcp;
        final int ssrc;
        int seq = 1;
        int received;
        int gatewaySsrc;
        int lastTsReceived;

        Phone(DatagramSocket rtp, DatagramSocket rtcp, int ssrc) throws Exception {
            this.rtp = rtp;
            this.rtcp = rtcp;
            this.ssrc = ssrc;
            rtp.setSoTimeout(100);
        }

        /** RTCP on the port above RTP (RFC 3550 §11), as most phones do. */
        static Phone consecutive(int ssrc) throws Exception {
            for (int i = 0; i < 50; i++) {
                DatagramSocket r = new DatagramSocket(0, LO);
                try {
                    return new Phone(r, new DatagramSocket(r.getLocalPort() + 1, LO), ssrc);
                } catch (BindException | IllegalArgumentException taken) {
                    r.close();
                }
            }
            throw new BindException("no free port pair");
        }

        /** RTCP on a port of its own, announced with a=rtcp (RFC 3605). */
        static Phone separate(int ssrc) throws Exception {
            return new Phone(new DatagramSocket(0, LO), new DatagramSocket(0, LO), ssrc);
        }

        void sendRtp(int port) throws Exception {
            byte[] p = RtpRelayTest.rtp(0, seq, seq * 160, ssrc, (byte) 0x55, 160);
            seq++;
            rtp.send(new DatagramPacket(p, p.length, LO, port));
        }

        /** Reads what the gateway relayed until 100 ms pass without a packet; returns how many. */
        int drain() throws Exception {
            int n = 0;
            while (true) {
                try {
                    DatagramPacket d = RtpRelayTest.receive(rtp);
                    gatewaySsrc = RtpHeader.ssrc(d.getData(), 0);
                    lastTsReceived = RtpHeader.timestamp(d.getData(), 0);
                    received++;
                    n++;
                } catch (SocketTimeoutException quiet) {
                    return n;
                }
            }
        }

        @Override
        public void close() {
            rtp.close();
            rtcp.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        media = new MediaComponent(TestConfigs.media(Map.of("port.min", 41300, "port.max", 41399, "stun.port", 0)));
        a = Phone.consecutive(0x0A0A0A0A);
        b = Phone.separate(0x0B0B0B0B);
    }

    @AfterEach
    void stop() {
        media.deactivate();
        a.close();
        b.close();
    }

    /** Sends until the other phone gets one: the legs' ports register with their loop asynchronously. */
    private static void warmUp(Phone from, int port, Phone to) throws Exception {
        for (int i = 0; i < 20 && to.drain() == 0; i++) {
            from.sendRtp(port);
        }
        assertTrue(to.received > 0, "RTP relayed");
    }

    private static int rtcpPort(SessionDescription sdp) {
        return Integer.parseInt(sdp.media().get(0).attribute("rtcp").orElseThrow().valueOrEmpty().trim());
    }

    /** The phone's SR (no blocks) + SDES; returns the middle 32 bits of its NTP time, the gateway's LSR. */
    private static int sendSenderReport(Phone from, int gatewayRtcpPort, long ntp) throws Exception {
        byte[] p = new byte[RtcpWriter.MAX_COMPOUND];
        int n = RtcpWriter.writeSenderReport(p, 0, from.ssrc, ntp, from.seq * 160, from.seq, from.seq * 160L, 0);
        n += RtcpWriter.writeSdesCname(p, n, from.ssrc, "phone".getBytes(StandardCharsets.US_ASCII));
        from.rtcp.send(new DatagramPacket(p, n, LO, gatewayRtcpPort));
        return NtpClock.middle32(ntp);
    }

    /** The gateway's first SR to this phone whose block echoes an LSR, within {@code millis}. */
    private byte[] awaitGatewaySenderReport(Phone phone, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            phone.rtcp.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
            DatagramPacket d;
            try {
                d = RtpRelayTest.receive(phone.rtcp);
            } catch (SocketTimeoutException late) {
                break;
            }
            byte[] p = java.util.Arrays.copyOf(d.getData(), d.getLength());
            if ((p[1] & 0xFF) == 200 && (p[0] & 0x1F) == 1 && RtpHeader.readInt(p, 28 + 16) != 0) {
                reportArrived = System.nanoTime();
                return p;
            }
        }
        return null;
    }

    @Test
    void rfc3550_6_4_eachPhoneGetsTheGatewaysSenderReportAboutItsStream() throws Exception {
        MediaSession s = media.open("c1", RtpRelayTest.rtpSdp(a.rtp.getLocalPort(), "0"), PEER);
        SessionDescription offerB = s.offerTo("b1", EndpointKind.RTP, PEER);
        SessionDescription answerA = s.answerFrom("b1", RtpRelayTest.rtpSdp(b.rtp.getLocalPort(), "0",
            "rtcp:" + b.rtcp.getLocalPort()));
        s.select("b1");
        int gwA = answerA.media().get(0).port();
        int gwB = offerB.media().get(0).port();
        assertEquals(gwA + 1, rtcpPort(answerA));
        assertEquals(gwB + 1, rtcpPort(offerB));
        long started = System.currentTimeMillis();

        warmUp(a, gwA, b);
        warmUp(b, gwB, a);
        for (int i = 0; i < 20; i++) {
            if (i == 10) {
                a.seq += GAP; // A's network loses five packets
            }
            a.sendRtp(gwA);
            b.sendRtp(gwB);
        }
        a.drain();
        b.drain();
        int lsrA = sendSenderReport(a, rtcpPort(answerA), 0xDEADBEEF12345678L);
        int lsrB = sendSenderReport(b, rtcpPort(offerB), 0x0123456789ABCDEFL);

        byte[] toA = awaitGatewaySenderReport(a, 8000);
        byte[] toB = awaitGatewaySenderReport(b, 8000);
        long took = System.currentTimeMillis() - started;
        assertNotNull(toA, "an SR from the gateway on A's RTCP port (port + 1)");
        assertNotNull(toB, "an SR from the gateway on B's a=rtcp port");
        assertTrue(took < 9000, took + " ms");

        checkReport(toA, a, GAP, lsrA);
        checkReport(toB, b, 0, lsrB);
        s.close();
    }

    /** The SR and its block, field by field (RFC 3550 §6.4.1), then the SDES CNAME. */
    private static void checkReport(byte[] p, Phone phone, int lost, int lsr) {
        assertEquals(phone.gatewaySsrc, RtpHeader.readInt(p, 4), "from the SSRC of the gateway's RTP to this phone");
        long ntpSeconds = RtpHeader.readInt(p, 8) & 0xFFFFFFFFL;
        long unixSeconds = System.currentTimeMillis() / 1000;
        assertTrue(Math.abs(ntpSeconds - 2_208_988_800L - unixSeconds) < 10, "NTP time is now");
        int rtpTime = RtpHeader.readInt(p, 16);
        int ahead = rtpTime - phone.lastTsReceived;
        assertTrue(ahead >= 0 && ahead < 10 * 8000, "RTP time of now, " + ahead + " ticks after the last packet");
        assertEquals(phone.received, RtpHeader.readInt(p, 20), "packets the gateway sent this phone");
        assertEquals(phone.received * 160L, RtpHeader.readInt(p, 24), "payload octets");
        int block = 28;
        assertEquals(phone.ssrc, RtpHeader.readInt(p, block), "about the phone's own stream");
        assertEquals(lost, RtpHeader.readInt(p, block + 4) & 0xFFFFFF, "cumulative lost");
        assertEquals(lost == 0 ? 0 : lost * 256 / (phone.seq - 1), p[block + 4] & 0xFF, "fraction lost (A.3)");
        assertEquals(phone.seq - 1, RtpHeader.readInt(p, block + 8), "extended highest sequence number");
        assertEquals(lsr, RtpHeader.readInt(p, block + 16), "LSR: the middle of the phone's SR's NTP time");
        long dlsr = RtpHeader.readInt(p, block + 20) & 0xFFFFFFFFL;
        assertTrue(dlsr > 0 && dlsr < 10 * 65536, "DLSR " + dlsr);
        int sdes = 28 + 24;
        assertEquals(202, p[sdes + 1] & 0xFF, "SDES follows");
        assertEquals(phone.gatewaySsrc, RtpHeader.readInt(p, sdes + 4));
        assertEquals(1, p[sdes + 8], "CNAME");
        assertEquals(LegRtcp.CNAME, new String(p, sdes + 10, p[sdes + 9], StandardCharsets.US_ASCII));
        int sdesLength = (((p[sdes + 2] & 0xFF) << 8 | (p[sdes + 3] & 0xFF)) + 1) * 4;
        assertEquals(p.length, sdes + sdesLength, "the compound ends with the SDES");
    }

    @Test
    void rfc3550_6_4_1_thePhonesBlockAboutTheGatewaysStreamGivesLossAndRoundTrip() throws Exception {
        MediaSession s = media.open("c2", RtpRelayTest.rtpSdp(a.rtp.getLocalPort(), "0"), PEER);
        SessionDescription offerB = s.offerTo("b1", EndpointKind.RTP, PEER);
        SessionDescription answerA = s.answerFrom("b1", RtpRelayTest.rtpSdp(b.rtp.getLocalPort(), "0",
            "rtcp:" + b.rtcp.getLocalPort()));
        s.select("b1");
        int gwA = answerA.media().get(0).port();
        warmUp(b, offerB.media().get(0).port(), a);
        warmUp(a, gwA, b);
        int lsr = sendSenderReport(a, rtcpPort(answerA), 0x0000000100000000L);
        byte[] sr = awaitGatewaySenderReport(a, 8000);
        assertNotNull(sr);
        assertEquals(lsr, RtpHeader.readInt(sr, 28 + 16));
        // A reports on the gateway's stream: 2 lost, jitter 80 ticks, the gateway's SR echoed with how long A held it
        Thread.sleep(250);
        long gatewayNtp = ((long) RtpHeader.readInt(sr, 8) << 32) | (RtpHeader.readInt(sr, 12) & 0xFFFFFFFFL);
        int gatewayLsr = NtpClock.middle32(gatewayNtp);
        byte[] p = new byte[64];
        int n = RtcpWriter.writeReceiverReport(p, 0, a.ssrc, 1);
        int dlsr = (int) NtpClock.toCompact(System.nanoTime() - reportArrived);
        n += RtcpWriter.writeReportBlock(p, n, RtpHeader.readInt(sr, 4), 10, 2, 42, 80, gatewayLsr, dlsr);
        n += RtcpWriter.writeSdesCname(p, n, a.ssrc, new byte[] {'a'});
        a.rtcp.send(new DatagramPacket(p, n, LO, rtcpPort(answerA)));

        MediaSessionInfo.RtcpInfo info = null;
        for (int i = 0; i < 100; i++) {
            info = media.sessions().get(0).legs().get(0).rtcp();
            if (info.remoteLost() >= 0) {
                break;
            }
            Thread.sleep(10);
        }
        assertEquals(2, info.remoteLost(), info.toString());
        assertEquals(10.0, info.remoteJitterMillis(), 1e-9, "80 ticks at 8 kHz");
        assertEquals(2, info.received(), "A's SR and its RR");
        assertTrue(info.sent() >= 1);
        // A − LSR − DLSR: loopback both ways plus the gateway's and this test's turnaround, not A's 250 ms
        assertTrue(info.roundTripMillis() >= 0 && info.roundTripMillis() < 100, info.toString());
        s.close();
    }

    /** RFC 3550 §6.6: hang-up sends each phone, on its RTCP address, a compound whose last packet is a BYE from the SSRC of its RTP. */
    @Test
    void rfc3550_6_6_eachPhoneGetsAByeWhenTheCallEnds() throws Exception {
        MediaSession s = media.open("c3", RtpRelayTest.rtpSdp(a.rtp.getLocalPort(), "0"), PEER);
        SessionDescription offerB = s.offerTo("b1", EndpointKind.RTP, PEER);
        SessionDescription answerA = s.answerFrom("b1", RtpRelayTest.rtpSdp(b.rtp.getLocalPort(), "0",
            "rtcp:" + b.rtcp.getLocalPort()));
        s.select("b1");
        warmUp(a, answerA.media().get(0).port(), b);
        warmUp(b, offerB.media().get(0).port(), a);
        s.close();
        for (Phone phone : new Phone[] {a, b}) {
            int[] bye = awaitBye(phone, 3000);
            assertNotNull(bye, "a BYE on the phone's RTCP port after the hang-up");
            assertEquals(phone.gatewaySsrc, bye[0], "from the SSRC of the gateway's RTP to this phone");
            assertEquals(1, bye[1], "BYE is the last packet of the compound; an SR or RR came first");
        }
    }

    /** {BYE's SSRC, 1 if it ended a compound that began with SR/RR} of the first BYE within {@code millis}, else null. */
    private static int[] awaitBye(Phone phone, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            phone.rtcp.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
            DatagramPacket d;
            try {
                d = RtpRelayTest.receive(phone.rtcp);
            } catch (SocketTimeoutException late) {
                return null;
            }
            byte[] p = java.util.Arrays.copyOf(d.getData(), d.getLength());
            int first = p[1] & 0xFF;
            for (int at = 0; at + 8 <= p.length; at += (((p[at + 2] & 0xFF) << 8 | (p[at + 3] & 0xFF)) + 1) * 4) {
                int size = (((p[at + 2] & 0xFF) << 8 | (p[at + 3] & 0xFF)) + 1) * 4;
                if ((p[at + 1] & 0xFF) == 203) {
                    boolean last = at + size == p.length;
                    return new int[] {RtpHeader.readInt(p, at + 4), last && (first == 200 || first == 201) ? 1 : 0};
                }
            }
        }
        return null;
    }
}
