package org.tabphone.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.media.internal.RtpRelayTest.firstPacket;
import static org.tabphone.media.internal.RtpRelayTest.receive;
import static org.tabphone.media.internal.RtpRelayTest.rtpSdp;
import static org.tabphone.media.internal.RtpRelayTest.send;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tabphone.codec.api.AudioCodec;
import org.tabphone.codec.api.AudioDecoder;
import org.tabphone.codec.api.AudioEncoder;
import org.tabphone.codec.g711.internal.PcmaCodec;
import org.tabphone.codec.g711.internal.PcmuCodec;
import org.tabphone.codec.opus.internal.OpusCodec;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaSession;
import org.tabphone.sdp.api.MediaDescription;
import org.tabphone.sdp.api.SessionDescription;

/**
 * Opus on one leg, G.711 on the other, through a real media component on loopback: the offer a
 * G.711 phone gets from an Opus-only caller, the tones each way after transcoding, and RTP
 * timestamps at each leg's own clock (48 kHz ticks toward the Opus leg, 8 kHz toward the phone).
 */
class OpusTranscodeTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
    private static final int FRAMES = 40;
    private MediaComponent media;
    private DatagramSocket opusPhone;
    private DatagramSocket pcmuPhone;
    private final AudioCodec opus = new OpusCodec();
    private final AudioCodec pcmu = new PcmuCodec();

    @BeforeEach
    void start() throws Exception {
        media = new MediaComponent(TestConfigs.media(Map.of("port.min", 41200, "port.max", 41299, "stun.port", 0)));
        media.addCodec(pcmu);
        media.addCodec(new PcmaCodec());
        media.addCodec(opus);
        opusPhone = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        pcmuPhone = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        opusPhone.setSoTimeout(2000);
        pcmuPhone.setSoTimeout(2000);
    }

    @AfterEach
    void stop() {
        media.deactivate();
        opusPhone.close();
        pcmuPhone.close();
    }

    /** An Opus-only caller (a browser whose page kept only Opus) and a phone that answers PCMU. */
    private MediaSession opusToPcmuCall(String id, SessionDescription[] offerAndAnswer) throws Exception {
        MediaSession s = media.open(id, rtpSdp(opusPhone.getLocalPort(), "111 110", "rtpmap:111 opus/48000/2",
            "fmtp:111 minptime=10;useinbandfec=1", "rtpmap:110 telephone-event/48000", "sendrecv"), PEER);
        SessionDescription offer = s.offerTo("b1", EndpointKind.RTP, PEER);
        MediaDescription m = offer.media().get(0);
        assertEquals(List.of("111", "0", "8", "101"), m.formats(),
            "the caller's Opus, then the G.711 laws the gateway transcodes to, and DTMF");
        SessionDescription answer = s.answerFrom("b1", rtpSdp(pcmuPhone.getLocalPort(), "0 101",
            "rtpmap:101 telephone-event/8000"));
        s.select("b1");
        assertEquals(List.of("111", "110"), answer.media().get(0).formats(),
            "the caller keeps Opus and its DTMF at 48 kHz");
        offerAndAnswer[0] = offer;
        offerAndAnswer[1] = answer;
        return s;
    }

    @Test
    void opusInOnOneLegIsPcmuOnTheOtherWithTheToneAndEightKilohertzTimestamps() throws Exception {
        SessionDescription[] sdp = new SessionDescription[2];
        MediaSession s = opusToPcmuCall("o1", sdp);
        int toGateway = sdp[1].media().get(0).port();
        AudioEncoder enc = opus.newEncoder(48000);
        byte[] payload = new byte[1500];
        AudioDecoder phoneDecoder = pcmu.newDecoder();
        short[] heard = new short[FRAMES * 160];
        int firstTs = 0;
        for (int f = 0; f < FRAMES; f++) {
            int n = enc.encode(sine(1000, 48000, f * 960, 960), 0, 960, payload, 0);
            byte[] p = packet(111, 300 + f, 90_000 + f * 960, 0xABCD, payload, n);
            DatagramPacket got = f == 0 ? firstPacket(opusPhone, p, toGateway, pcmuPhone) : sendAndReceive(p, toGateway);
            byte[] d = got.getData();
            assertEquals(0, RtpHeader.payloadType(d, 0), "PCMU toward the phone");
            assertEquals(12 + 160, got.getLength(), "20 ms of PCMU: 160 bytes");
            if (f == 0) {
                firstTs = RtpHeader.timestamp(d, 0);
            } else {
                assertEquals(f * 160, RtpHeader.timestamp(d, 0) - firstTs, "8 kHz ticks: 160 per 20 ms packet");
            }
            phoneDecoder.decode(d, 12, 160, heard, f * 160);
        }
        assertTone(heard, 1000);
        var legs = media.sessions().get(0).legs();
        assertEquals("opus/48000/2", legs.get(0).codec());
        assertEquals("PCMU/8000", legs.get(1).codec());
        assertTrue(legs.get(0).transcoding() && legs.get(1).transcoding());

        // DTMF: telephone-event/48000 from the Opus side reaches the phone at 8000, duration scaled
        byte[] event = {5, (byte) 0x0A, 0x03, (byte) 0xC0}; // digit 5, volume 10, duration 960 (20 ms at 48 kHz)
        DatagramPacket dtmf = sendAndReceive(packet(110, 300 + FRAMES, 90_000 + FRAMES * 960, 0xABCD, event, 4),
            toGateway);
        assertEquals(101, RtpHeader.payloadType(dtmf.getData(), 0));
        assertEquals(160, ((dtmf.getData()[14] & 0xFF) << 8) | (dtmf.getData()[15] & 0xFF), "20 ms at 8 kHz");
        assertEquals(FRAMES * 160, RtpHeader.timestamp(dtmf.getData(), 0) - firstTs);
        s.close();
    }

    @Test
    void pcmuInOnOneLegIsOpusOnTheOtherWithTheToneAndFortyEightKilohertzTimestamps() throws Exception {
        SessionDescription[] sdp = new SessionDescription[2];
        MediaSession s = opusToPcmuCall("o2", sdp);
        int toGateway = sdp[0].media().get(0).port();
        AudioEncoder phoneEncoder = pcmu.newEncoder();
        AudioDecoder browserDecoder = opus.newDecoder(8000);
        byte[] payload = new byte[160];
        short[] heard = new short[FRAMES * 160];
        int firstTs = 0;
        for (int f = 0; f < FRAMES; f++) {
            phoneEncoder.encode(sine(440, 8000, f * 160, 160), 0, 160, payload, 0);
            byte[] p = packet(0, 7000 + f, 16_000 + f * 160, 0x5151, payload, 160);
            DatagramPacket got = f == 0 ? firstPacketBack(p, toGateway) : sendAndReceiveBack(p, toGateway);
            byte[] d = got.getData();
            assertEquals(111, RtpHeader.payloadType(d, 0), "Opus toward the Opus leg, its payload type");
            int n = got.getLength() - 12;
            assertTrue(n > 0 && n < 160, "an Opus frame is smaller than G.711: " + n);
            if (f == 0) {
                firstTs = RtpHeader.timestamp(d, 0);
            } else {
                assertEquals(f * 960, RtpHeader.timestamp(d, 0) - firstTs, "48 kHz ticks: 960 per 20 ms packet");
            }
            assertEquals(160, browserDecoder.decode(d, 12, n, heard, f * 160));
        }
        assertTone(heard, 440);
        s.close();
    }

    @Test
    void browserToBrowserOpusStaysOpus() throws Exception {
        MediaSession s = media.open("o3", rtpSdp(opusPhone.getLocalPort(), "111 0", "rtpmap:111 opus/48000/2"), PEER);
        s.offerTo("b1", EndpointKind.RTP, PEER);
        SessionDescription answer = s.answerFrom("b1", rtpSdp(pcmuPhone.getLocalPort(), "109",
            "rtpmap:109 opus/48000/2"));
        assertEquals(List.of("111"), answer.media().get(0).formats());
        var legs = media.sessions().get(0).legs();
        assertTrue(!legs.get(0).transcoding() && !legs.get(1).transcoding(), "a shared format is passed through");
        s.close();
    }

    private DatagramPacket sendAndReceive(byte[] p, int port) throws Exception {
        send(opusPhone, p, port);
        return receive(pcmuPhone);
    }

    private DatagramPacket firstPacketBack(byte[] p, int port) throws Exception {
        return firstPacket(pcmuPhone, p, port, opusPhone);
    }

    private DatagramPacket sendAndReceiveBack(byte[] p, int port) throws Exception {
        send(pcmuPhone, p, port);
        return receive(opusPhone);
    }

    private static byte[] packet(int pt, int seq, int ts, int ssrc, byte[] payload, int n) {
        byte[] p = RtpRelayTest.rtp(pt, seq, ts, ssrc, (byte) 0, n);
        System.arraycopy(payload, 0, p, 12, n);
        return p;
    }

    static short[] sine(double hz, int rate, int start, int n) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * (start + i) / rate));
        }
        return s;
    }

    /** Past the codecs' start-up (200 ms), most of the 8 kHz signal's power is at {@code hz} (Goertzel). */
    static void assertTone(short[] pcm, double hz) {
        int from = 1600;
        int n = pcm.length - from;
        double w = 2 * Math.PI * hz / 8000;
        double c = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        double total = 0;
        for (int i = from; i < pcm.length; i++) {
            double s0 = pcm[i] + c * s1 - s2;
            s2 = s1;
            s1 = s0;
            total += (double) pcm[i] * pcm[i];
        }
        double tone = 2 * (s1 * s1 + s2 * s2 - c * s1 * s2) / ((double) n * n);
        total /= n;
        assertTrue(total > 1e6, "audible: mean power " + total);
        assertTrue(tone / total > 0.8, hz + " Hz carries " + Math.round(100 * tone / total) + " % of the power");
    }
}
