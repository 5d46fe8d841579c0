package org.tabphone.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tabphone.media.api.DropReason;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaService;
import org.tabphone.media.api.MediaSession;
import org.tabphone.media.api.MediaSessionInfo;
import org.tabphone.sdp.api.SessionDescription;

/**
 * Two plain RTP phones (UDP sockets on loopback) through a real media component: the packets it
 * can't relay show up in {@link MediaService#counters()} under their reason and on the leg in
 * {@link MediaService#sessions()}, beside each leg's codec and whether it is transcoded.
 */
class DropCountersTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
    private MediaComponent media;
    private DatagramSocket phoneA;
    private DatagramSocket phoneB;

    @BeforeEach
    void start() throws Exception {
        media = new MediaComponent(TestConfigs.media(Map.of("port.min", 41400, "port.max", 41499, "stun.port", 0)));
        media.addCodec(RtpRelayTest.codec("PCMU"));
        media.addCodec(RtpRelayTest.codec("PCMA"));
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

    private long dropped(DropReason r) {
        return media.counters().droppedByReason().get(r);
    }

    /** Waits for the media loop to count what was sent to it. */
    private void awaitDropped(DropReason r, long n) throws InterruptedException {
        for (int i = 0; i < 200 && dropped(r) < n; i++) {
            Thread.sleep(10);
        }
        assertEquals(n, dropped(r), r.key());
    }

    /**
     * RFC 3264 §6.1: the answerer may send as soon as it has sent its answer, so a callee's first
     * words can reach the gateway before the gateway has read its 200: they are relayed once it
     * has. A payload type outside the answer is dropped, counted under its reason.
     */
    @Test
    void rfc3264_6_1_theCalleesRtpBeforeTheGatewayReadItsAnswerIsRelayedAndAStrayPayloadTypeCounted()
        throws Exception {
        MediaSession s = media.open("c1", RtpRelayTest.rtpSdp(phoneA.getLocalPort(), "0"), PEER);
        SessionDescription offerB = s.offerTo("b1", EndpointKind.RTP, PEER);
        int toB = offerB.media().get(0).port();
        RtpRelayTest.send(phoneB, RtpRelayTest.rtp(8, 1, 160, 7, (byte) 0xD5, 160), toB); // "hello?" right after its 200
        Thread.sleep(50); // the gateway reads the 200 a moment later

        SessionDescription answerA = s.answerFrom("b1", RtpRelayTest.rtpSdp(phoneB.getLocalPort(), "8"));
        s.select("b1");
        java.net.DatagramPacket first = RtpRelayTest.receive(phoneA);
        assertEquals(0, RtpHeader.payloadType(first.getData(), 0), "PCMA transcoded for the PCMU caller");
        assertEquals(answerA.media().get(0).port(), first.getPort());
        assertEquals(0, media.counters().packetsDropped(), "held, not dropped: " + media.counters().droppedByReason());
        RtpRelayTest.send(phoneB, RtpRelayTest.rtp(13, 2, 320, 7, (byte) 0, 1), toB); // comfort noise: not in the answer
        awaitDropped(DropReason.UNMAPPED, 1);

        MediaService.MediaCounters n = media.counters();
        assertEquals(1, n.packetsDropped(), "the total is the sum of the reasons: " + n.droppedByReason());
        assertEquals(DropReason.values().length, n.droppedByReason().size(), "every reason, zeros included");
        MediaSessionInfo info = media.sessions().get(0);
        MediaSessionInfo.LegInfo caller = info.legs().get(0);
        MediaSessionInfo.LegInfo callee = info.legs().get(1);
        assertEquals("caller", caller.role());
        assertEquals("PCMU/8000", caller.codec());
        assertTrue(caller.transcoding(), "PCMU caller, PCMA callee");
        assertEquals(Map.of(), caller.drops());
        assertEquals("callee:b1", callee.role());
        assertEquals("PCMA/8000", callee.codec());
        assertEquals(Map.of(DropReason.UNMAPPED, 1L), callee.drops());
        assertEquals(1, callee.packetsDropped());
        assertEquals("unmapped-pt 1", DropReason.describe(callee.drops()));
        s.close();
    }
}
