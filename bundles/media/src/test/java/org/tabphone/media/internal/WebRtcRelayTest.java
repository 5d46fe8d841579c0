package org.tabphone.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaSession;
import org.tabphone.media.internal.dtls.DtlsRole;
import org.tabphone.media.internal.dtls.DtlsResult;
import org.tabphone.media.internal.rtcp.RtcpWriter;
import org.tabphone.sdp.api.MediaDescription;
import org.tabphone.sdp.api.SessionDescription;

/**
 * A browser (ICE controlling, DTLS, SRTP — {@link FakeBrowser}) calls a plain RTP phone through
 * the media component: the answer is WebRTC-shaped, ICE-Lite answers checks, DTLS keys SRTP,
 * audio crosses both ways, and nothing reaches the browser before DTLS is done.
 */
class WebRtcRelayTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
    private MediaComponent media;
    private FakeBrowser browser;
    private DatagramSocket phone;

    @BeforeEach
    void start() throws Exception {
        media = new MediaComponent(TestConfigs.media(Map.of("port.min", 41100, "port.max", 41199, "stun.port", 0)));
        browser = new FakeBrowser();
        phone = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        phone.setSoTimeout(2000);
    }

    @AfterEach
    void stop() {
        media.deactivate();
        browser.close();
        phone.close();
    }

    @Test
    void browserCallsAPhoneAndAudioCrossesBothWaysOnlyAfterDtls() throws Exception {
        MediaSession s = media.open("c1", browser.offer("actpass"), PEER);
        SessionDescription toPhone = s.offerTo("b1", EndpointKind.RTP, PEER);
        assertEquals(List.of("0", "8", "101"), toPhone.media().get(0).formats(), "G.711 only toward a phone");
        SessionDescription answer = s.answerFrom("b1", RtpRelayTest.rtpSdp(phone.getLocalPort(), "0 101",
            "rtpmap:101 telephone-event/8000"));
        s.select("b1");

        assertTrue(answer.isIceLite());
        assertEquals(List.of("0"), answer.bundleGroup());
        MediaDescription m = answer.media().get(0);
        assertEquals("UDP/TLS/RTP/SAVPF", m.proto());
        assertEquals(List.of("0", "101"), m.formats());
        assertEquals("passive", m.setup().orElseThrow().value());
        assertTrue(m.rtcpMux());
        assertEquals("0", m.mid().orElseThrow());
        assertEquals(1, m.ssrcIds().size(), "announces the SSRC the gateway sends");
        assertFalse(m.ssrcIds().contains(1234L), "never the far side's SSRC");
        assertEquals(m.port(), m.candidates().get(0).port());
        int gwPort = m.port();
        InetSocketAddress gw = new InetSocketAddress(InetAddress.getLoopbackAddress(), gwPort);

        byte[] response = browser.check(gw, m.iceUfrag().orElseThrow(), m.icePwd().orElseThrow());
        assertNotNull(response, "ICE check answered");
        assertEquals(0x0101, ((response[0] & 0xFF) << 8) | (response[1] & 0xFF), "Binding success");
        byte[] refused = browser.check(gw, m.iceUfrag().orElseThrow(), "wrong-password-123456");
        assertEquals(0x0111, ((refused[0] & 0xFF) << 8) | (refused[1] & 0xFF), "a check with the wrong pwd: 401 error");

        int port = toPhone.media().get(0).port();
        phone.send(new DatagramPacket(RtpRelayTest.rtp(0, 1, 160, 77, (byte) 0x11, 160), 172,
            InetAddress.getLoopbackAddress(), port));
        assertNull(browser.media.poll(300, TimeUnit.MILLISECONDS), "nothing toward the browser before DTLS");

        DtlsResult r = browser.dtls(DtlsRole.CLIENT, m.fingerprint().orElseThrow().encode())
            .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertTrue(r.isConnected(), () -> r.failureReason());
        awaitSrtp(s);

        phone.send(new DatagramPacket(RtpRelayTest.rtp(0, 2, 320, 77, (byte) 0x22, 160), 172,
            InetAddress.getLoopbackAddress(), port));
        byte[] got = browser.media.poll(2, TimeUnit.SECONDS);
        assertNotNull(got, () -> media.sessions().toString());
        assertEquals(172, got.length, "decrypted by the browser's SRTP");
        assertEquals(0, RtpHeader.payloadType(got, 0));
        assertEquals((byte) 0x22, got[12]);
        assertTrue(m.ssrcIds().contains(RtpHeader.ssrc(got, 0) & 0xFFFFFFFFL), "the announced SSRC");

        browser.sendRtp(RtpRelayTest.rtp(0, 9, 900, 1234, (byte) 0x33, 160));
        DatagramPacket d = RtpRelayTest.receive(phone);
        assertEquals(172, d.getLength(), "plain RTP toward the phone");
        assertEquals((byte) 0x33, d.getData()[12]);

        assertSame(answer, s.answerFrom("b1", RtpRelayTest.rtpSdp(phone.getLocalPort(), "0 101",
            "rtpmap:101 telephone-event/8000")), "a retransmitted 200 changes nothing");
        assertEquals("CONNECTED", media.sessions().get(0).legs().get(0).dtls());
        s.close();
    }

    @Test
    void rfc4585_4_2_noFeedbackIsAdvertisedBecauseTheGatewayActsOnNone() throws Exception {
        MediaSession s = media.open("c3", browser.offer("actpass"), PEER); // offers opus with rtcp-fb transport-cc
        MediaDescription toBrowser = s.offerTo("b2", EndpointKind.WEBRTC, PEER).media().get(0);
        assertTrue(toBrowser.formats().contains("111"), "opus passes through to another browser");
        assertTrue(toBrowser.attributes("rtcp-fb").isEmpty(), "RTCP is terminated per leg: no a=rtcp-fb");
        s.close();
    }

    @Test
    void rfc3711_3_4_theBrowserGetsTheGatewaysReportsAsSrtcpOnTheMuxedPort() throws Exception {
        MediaSession s = media.open("c2", browser.offer("actpass"), PEER);
        SessionDescription toPhone = s.offerTo("b1", EndpointKind.RTP, PEER);
        SessionDescription answer = s.answerFrom("b1", RtpRelayTest.rtpSdp(phone.getLocalPort(), "0"));
        s.select("b1");
        MediaDescription m = answer.media().get(0);
        browser.check(new InetSocketAddress(InetAddress.getLoopbackAddress(), m.port()), m.iceUfrag().orElseThrow(),
            m.icePwd().orElseThrow());
        DtlsResult r = browser.dtls(DtlsRole.CLIENT, m.fingerprint().orElseThrow().encode())
            .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertTrue(r.isConnected(), () -> r.failureReason());
        awaitSrtp(s);
        int port = toPhone.media().get(0).port();
        for (int seq = 1; seq <= 5; seq++) {
            phone.send(new DatagramPacket(RtpRelayTest.rtp(0, seq, seq * 160, 77, (byte) 0x22, 160), 172,
                InetAddress.getLoopbackAddress(), port));
            browser.sendRtp(RtpRelayTest.rtp(0, seq >= 3 ? seq + 1 : seq, 0, 1234, (byte) 0x33, 160)); // 3 lost
        }
        byte[] rtp = browser.media.poll(2, TimeUnit.SECONDS);
        assertNotNull(rtp);
        byte[] sr = new byte[RtcpWriter.MAX_COMPOUND];
        int n = RtcpWriter.writeSenderReport(sr, 0, 1234, 0x0000AAAA_BBBB0000L, 0, 5, 800, 0);
        browser.sendRtcp(sr, n);

        byte[] report = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        while (report == null && System.nanoTime() < deadline) {
            byte[] p = browser.rtcp.poll(500, TimeUnit.MILLISECONDS);
            if (p != null) {
                assertTrue(p.length > 0, "SRTCP the browser's keys authenticate");
                if ((p[0] & 0x1F) == 1 && RtpHeader.readInt(p, 28 + 16) != 0) {
                    report = p;
                }
            }
        }
        assertNotNull(report, "a report with an LSR within 8 s");
        assertEquals(200, report[1] & 0xFF, "an SR: the gateway sent the browser RTP");
        assertEquals(RtpHeader.ssrc(rtp, 0), RtpHeader.readInt(report, 4), "from the SSRC of its RTP");
        assertTrue(m.ssrcIds().contains(RtpHeader.readInt(report, 4) & 0xFFFFFFFFL), "the SSRC in the SDP");
        assertEquals(1234, RtpHeader.readInt(report, 28), "about the browser's stream");
        assertEquals(1, RtpHeader.readInt(report, 28 + 4) & 0xFFFFFF, "seq 3 never came");
        assertEquals(0xAAAABBBB, RtpHeader.readInt(report, 28 + 16), "LSR");
        assertEquals(1, media.sessions().get(0).legs().get(0).rtcp().received(), "the browser's SR, after SRTCP");
        s.close();
    }

    private void awaitSrtp(MediaSession s) throws InterruptedException {
        for (int i = 0; i < 100 && !"CONNECTED".equals(media.sessions().get(0).legs().get(0).dtls()); i++) {
            Thread.sleep(20);
        }
        Thread.sleep(50); // the keys reach the event loop right after
    }
}
