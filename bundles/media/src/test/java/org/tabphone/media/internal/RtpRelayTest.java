package org.tabphone.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tabphone.codec.api.AudioCodec;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaException;
import org.tabphone.media.api.MediaSession;
import org.tabphone.sdp.api.MediaDescription;
import org.tabphone.sdp.api.SessionDescription;

/**
 * Two plain RTP endpoints (UDP sockets on loopback) through a real media component: SDP shaping,
 * symmetric RTP, payload type mapping, SSRC rewriting and PCMU↔PCMA transcoding on the wire.
 */
class RtpRelayTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
    private MediaComponent media;
    private DatagramSocket phoneA;
    private DatagramSocket phoneB;

    @BeforeEach
    void start() throws Exception {
        media = new MediaComponent(TestConfigs.media(Map.of("port.min", 41000, "port.max", 41099, "stun.port", 0)));
        phoneA = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        phoneB = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        phoneA.setSoTimeout(2000);
        phoneB.setSoTimeout(2000);
    }

    @AfterEach
    void stop() {
        media.deactivate();
        phoneA.close();
        phoneB.close();
    }

    static SessionDescription rtpSdp(int port, String formats, String... attributes) throws Exception {
        StringBuilder b = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n")
            .append("m=audio ").append(port).append(" RTP/AVP ").append(formats).append("\r\n");
        for (String a : attributes) {
            b.append("a=").append(a).append("\r\n");
        }
        return SessionDescription.parse(b.toString());
    }

    static byte[] rtp(int pt, int seq, int ts, int ssrc, byte fill, int payload) {
        byte[] p = new byte[12 + payload];
        p[0] = (byte) 0x80;
        p[1] = (byte) pt;
        RtpHeader.sequence(p, 0, seq);
        RtpHeader.timestamp(p, 0, ts);
        RtpHeader.ssrc(p, 0, ssrc);
        java.util.Arrays.fill(p, 12, p.length, fill);
        return p;
    }

    private static void drain(DatagramSocket s) throws Exception {
        while (true) {
            try {
                s.receive(new DatagramPacket(new byte[2048], 2048));
            } catch (SocketTimeoutException empty) {
                return;
            }
        }
    }

    static DatagramPacket receive(DatagramSocket s) throws Exception {
        DatagramPacket d = new DatagramPacket(new byte[2048], 2048);
        s.receive(d);
        return d;
    }

    private static int port(SessionDescription sdp) {
        return sdp.media().get(0).port();
    }

    static void send(DatagramSocket from, byte[] p, int port) throws Exception {
        from.send(new DatagramPacket(p, p.length, InetAddress.getLoopbackAddress(), port));
    }

    /**
     * The first packet of a session: a leg's port registers with its event loop asynchronously, so
     * the very first packets may find the other leg not ready yet and be dropped (as RTP may be).
     * Sends again every 100 ms until {@code to} receives it.
     */
    static DatagramPacket firstPacket(DatagramSocket from, byte[] p, int port, DatagramSocket to) throws Exception {
        int timeout = to.getSoTimeout();
        to.setSoTimeout(100);
        try {
            for (int i = 0; i < 20; i++) {
                from.send(new DatagramPacket(p, p.length, InetAddress.getLoopbackAddress(), port));
                try {
                    DatagramPacket got = receive(to);
                    drain(to); // a copy sent again just before this one got through must not confuse what follows
                    return got;
                } catch (SocketTimeoutException notYet) {
                    // again
                }
            }
            throw new SocketTimeoutException("nothing relayed in 2 s");
        } finally {
            to.setSoTimeout(timeout);
        }
    }

    @Test
    void pcmuBothSidesIsForwardedWithOurSsrcAndTheCalleesPayloadTypes() throws Exception {
        MediaSession s = media.open("c1", rtpSdp(phoneA.getLocalPort(), "0 101", "rtpmap:101 telephone-event/8000",
            "sendrecv"), PEER);
        SessionDescription offerB = s.offerTo("b1", EndpointKind.RTP, PEER);
        MediaDescription m = offerB.media().get(0);
        assertEquals("RTP/AVP", m.proto());
        assertEquals(java.util.List.of("0", "8", "101"), m.formats(), "caller's PCMU, transcodable PCMA, DTMF");
        assertEquals("127.0.0.1", m.effectiveConnection().orElseThrow().address());
        SessionDescription answerA = s.answerFrom("b1", rtpSdp(phoneB.getLocalPort(), "0 96",
            "rtpmap:96 telephone-event/8000"));
        s.select("b1");
        assertEquals(java.util.List.of("0", "101"), answerA.media().get(0).formats());

        DatagramPacket got = firstPacket(phoneA, rtp(0, 100, 8000, 0x1111, (byte) 0x55, 160), port(answerA), phoneB);
        byte[] p = got.getData();
        assertEquals(172, got.getLength());
        assertEquals(0, RtpHeader.payloadType(p, 0));
        assertNotEquals(0x1111, RtpHeader.ssrc(p, 0), "the gateway sends its own SSRC");
        assertEquals(port(offerB), got.getPort(), "sent from the port offered to B");
        assertEquals((byte) 0x55, p[100]);

        send(phoneA, rtp(101, 101, 8000, 0x1111, (byte) 1, 4), port(answerA));
        assertEquals(96, RtpHeader.payloadType(receive(phoneB).getData(), 0), "DTMF renumbered for B");

        send(phoneB, rtp(0, 7, 160, 0x2222, (byte) 0x66, 160), port(offerB));
        DatagramPacket back = receive(phoneA);
        assertEquals(port(answerA), back.getPort());
        assertEquals((byte) 0x66, back.getData()[50]);
        s.close();
        assertEquals(0, media.counters().portsInUse());
    }

    @Test
    void pcmaCalleeIsTranscodedForAPcmuCaller() throws Exception {
        media.addCodec(codec("PCMU"));
        media.addCodec(codec("PCMA"));
        MediaSession s = media.open("c2", rtpSdp(phoneA.getLocalPort(), "0"), PEER);
        SessionDescription offerB = s.offerTo("b1", EndpointKind.RTP, PEER);
        SessionDescription answerA = s.answerFrom("b1", rtpSdp(phoneB.getLocalPort(), "8"));
        assertEquals(java.util.List.of("0"), answerA.media().get(0).formats());
        byte[] p = firstPacket(phoneA, rtp(0, 1, 0, 1, (byte) 0xFF, 160), port(answerA), phoneB).getData(); // mu-law 0xFF = 0
        assertEquals(8, RtpHeader.payloadType(p, 0));
        assertEquals((byte) 0xD5, p[12], "A-law for 0");
        assertTrue(media.sessions().get(0).legs().get(0).transcoding());
        s.close();
    }

    @Test
    void newSourceContinuesTheSequenceTowardTheLeg() throws Exception {
        MediaSession s = media.open("c3", rtpSdp(phoneA.getLocalPort(), "0"), PEER);
        SessionDescription offerB = s.offerTo("b1", EndpointKind.RTP, PEER);
        SessionDescription answerA = s.answerFrom("b1", rtpSdp(phoneB.getLocalPort(), "0"));
        byte[] first = firstPacket(phoneB, rtp(0, 500, 1000, 7, (byte) 0, 160), port(offerB), phoneA).getData().clone();
        send(phoneB, rtp(0, 9, 77, 8, (byte) 0, 160), port(offerB)); // another source (a transfer)
        byte[] second = receive(phoneA).getData();
        assertEquals(RtpHeader.ssrc(first, 0), RtpHeader.ssrc(second, 0));
        assertEquals((RtpHeader.sequence(first, 0) + 1) & 0xFFFF, RtpHeader.sequence(second, 0));
        assertTrue(RtpHeader.timestamp(second, 0) - RtpHeader.timestamp(first, 0) > 0);
        s.close();
    }

    @Test
    void aTargetReplacingTheCallerIsBridgedToTheCalleeOnItsOwnPortAndTheCallerIsReleased() throws Exception {
        try (DatagramSocket phoneC = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phoneC.setSoTimeout(2000);
            MediaSession s = media.open("c5", rtpSdp(phoneA.getLocalPort(), "0"), PEER);
            SessionDescription offerB = s.offerTo("b1", EndpointKind.RTP, PEER);
            SessionDescription answerA = s.answerFrom("b1", rtpSdp(phoneB.getLocalPort(), "0"));
            s.select("b1");
            byte[] toBBefore = firstPacket(phoneA, rtp(0, 10, 1600, 0x1111, (byte) 0x11, 160), port(answerA), phoneB)
                .getData().clone();

            SessionDescription offerC = s.offerToReplaceCaller("t1", EndpointKind.RTP, PEER);
            assertEquals("0", offerC.media().get(0).formats().get(0), "first what B already gets (its SDP stays), then what transcodes");
            s.answerToReplaceCaller("t1", rtpSdp(phoneC.getLocalPort(), "0"));
            send(phoneB, rtp(0, 11, 1760, 0x2222, (byte) 0x12, 160), port(offerB));
            assertEquals((byte) 0x12, receive(phoneA).getData()[12], "until the swap A and B still talk");

            s.replaceCaller("t1");
            byte[] toC = firstPacket(phoneB, rtp(0, 12, 1920, 0x2222, (byte) 0x13, 160), port(offerB), phoneC).getData();
            assertEquals((byte) 0x13, toC[12], "B, on the port it always used, now reaches C");
            byte[] toB = firstPacket(phoneC, rtp(0, 900, 5000, 0x3333, (byte) 0x14, 160), port(offerC), phoneB).getData();
            assertEquals((byte) 0x14, toB[12], "and C reaches B");
            assertEquals(RtpHeader.ssrc(toBBefore, 0), RtpHeader.ssrc(toB, 0),
                "B sees one stream across the transfer (the gateway's SSRC toward it)");
            var legs = media.sessions().get(0).legs();
            assertEquals(java.util.List.of("caller", "callee:t1"), legs.stream().map(l -> l.role()).toList(),
                "B's leg is now the caller's, C the callee; A's leg is gone");
            assertEquals(port(offerB), legs.get(0).localPort());
            s.close();
        }
    }

    /**
     * Issue 6: a phone that keeps sending while the other is on hold (not every phone honours
     * recvonly). What the gateway held back is not loss to the held phone: after the unhold the
     * stream toward it follows on — the next sequence number, the timestamp moved by the time on
     * hold — and the marker bit opens the talkspurt (RFC 3551 §4.1).
     */
    @Test
    void afterAnUnholdTheStreamTowardTheHeldPhoneFollowsOnWithoutALossGapAndWithTheMarker() throws Exception {
        MediaSession s = media.open("c6", rtpSdp(phoneA.getLocalPort(), "0"), PEER);
        SessionDescription offerB = s.offerTo("b1", EndpointKind.RTP, PEER);
        s.answerFrom("b1", rtpSdp(phoneB.getLocalPort(), "0"));
        s.select("b1");
        byte[] before = firstPacket(phoneB, rtp(0, 1, 0, 9, (byte) 0, 160), port(offerB), phoneA).getData().clone();
        s.reoffer(true, rtpSdp(phoneA.getLocalPort(), "0", "sendonly"));
        s.reanswer(true, rtpSdp(phoneB.getLocalPort(), "0", "recvonly"));
        long held = System.nanoTime();
        for (int seq = 2; seq < 12; seq++) {
            send(phoneB, rtp(0, seq, 160 * (seq - 1), 9, (byte) 0, 160), port(offerB)); // B keeps sending
            Thread.sleep(20);
        }
        s.reoffer(true, rtpSdp(phoneA.getLocalPort(), "0", "sendrecv"));
        s.reanswer(true, rtpSdp(phoneB.getLocalPort(), "0", "sendrecv"));
        byte[] after = firstPacket(phoneB, rtp(0, 12, 160 * 11, 9, (byte) 0, 160), port(offerB), phoneA).getData();
        long heldTicks = (System.nanoTime() - held) * 8000 / 1_000_000_000L;
        assertEquals((RtpHeader.sequence(before, 0) + 1) & 0xFFFF, RtpHeader.sequence(after, 0),
            "the 10 packets held back are no gap to A");
        int advanced = RtpHeader.timestamp(after, 0) - RtpHeader.timestamp(before, 0);
        assertTrue(advanced >= 1600 && advanced <= heldTicks + 4000, "the timestamp moved by the time on hold: " + advanced
            + " ticks of at most " + heldTicks);
        assertTrue(RtpHeader.marker(after, 0), "the first packet after the hold has the marker");
        s.close();
    }

    @Test
    void holdWithZeroAddressStopsMediaTowardThatPhone() throws Exception {
        MediaSession s = media.open("c4", rtpSdp(phoneA.getLocalPort(), "0"), PEER);
        SessionDescription offerB = s.offerTo("b1", EndpointKind.RTP, PEER);
        SessionDescription answerA = s.answerFrom("b1", rtpSdp(phoneB.getLocalPort(), "0"));
        s.select("b1");
        firstPacket(phoneB, rtp(0, 1, 0, 9, (byte) 0, 160), port(offerB), phoneA); // flowing before the hold
        SessionDescription hold = SessionDescription.parse("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\n"
            + "t=0 0\r\nm=audio " + phoneA.getLocalPort() + " RTP/AVP 0\r\na=sendonly\r\n");
        SessionDescription toB = s.reoffer(true, hold);
        assertEquals("sendonly", toB.media().get(0).direction().attributeName());
        s.reanswer(true, rtpSdp(phoneB.getLocalPort(), "0", "recvonly"));
        send(phoneB, rtp(0, 2, 160, 9, (byte) 0, 160), port(offerB));
        assertThrows(SocketTimeoutException.class, () -> receive(phoneA), "A is on hold");
        s.close();
    }

    @Test
    void offerWithoutAudioIsNotAcceptable() throws Exception {
        SessionDescription video = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n"
            + "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=video 5000 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n");
        MediaException e = assertThrows(MediaException.class, () -> media.open("c5", video, PEER));
        assertEquals(488, e.sipStatus());
    }

    static AudioCodec codec(String name) {
        return name.equals("PCMU") ? new org.tabphone.codec.g711.internal.PcmuCodec()
            : new org.tabphone.codec.g711.internal.PcmaCodec();
    }
}
