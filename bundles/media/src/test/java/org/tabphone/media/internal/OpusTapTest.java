package org.tabphone.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.media.internal.RtpRelayTest.firstPacket;
import static org.tabphone.media.internal.RtpRelayTest.receive;
import static org.tabphone.media.internal.RtpRelayTest.rtpSdp;
import static org.tabphone.media.internal.RtpRelayTest.send;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tabphone.codec.api.AudioEncoder;
import org.tabphone.codec.opus.internal.OpusCodec;
import org.tabphone.media.api.CallIdentity;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaSession;
import org.tabphone.media.api.MediaTap;
import org.tabphone.media.api.TapFrame;
import org.tabphone.media.api.TapSide;
import org.tabphone.media.api.TapSink;
import org.tabphone.sdp.api.SessionDescription;

/**
 * A browser-to-browser call stays on Opus (passed through), and the tap still hands each side to
 * PCM taps decoded at 8 kHz (issue 10: such calls were recorded as silence), with the RTP
 * timestamps left at Opus's 48 kHz clock.
 */
class OpusTapTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
    private static final int FRAMES = 40;
    private MediaComponent media;
    private DatagramSocket a;
    private DatagramSocket b;

    /** Keeps each side's PCM in order of arrival. */
    static final class PcmSink implements TapSink {
        final short[][] pcm = new short[2][FRAMES * 160];
        final int[] samples = new int[2];
        volatile int clockRate;
        volatile int frameSamples;
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void onFrame(TapFrame f) {
            int side = f.side().ordinal();
            clockRate = f.clockRate();
            frameSamples = f.samples();
            int n = Math.min(f.samples(), pcm[side].length - samples[side]);
            System.arraycopy(f.pcm(), f.pcmOffset(), pcm[side], samples[side], n);
            samples[side] += n;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @BeforeEach
    void start() throws Exception {
        media = new MediaComponent(TestConfigs.media(Map.of("port.min", 41300, "port.max", 41399, "stun.port", 0)));
        media.addCodec(new OpusCodec());
        a = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        b = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        a.setSoTimeout(2000);
        b.setSoTimeout(2000);
    }

    @AfterEach
    void stop() {
        media.deactivate();
        a.close();
        b.close();
    }

    @Test
    void eachSideOfAnOpusCallIsDecodedToEightKilohertzForPcmTaps() throws Exception {
        PcmSink sink = new PcmSink();
        media.addTap(new MediaTap() {
            @Override
            public Optional<TapSink> tap(CallIdentity call) {
                return Optional.of(sink);
            }
        });
        MediaSession s = media.open(new CallIdentity("opus-1", "demo", "sip:1001@d", "sip:1002@d"),
            rtpSdp(a.getLocalPort(), "111", "rtpmap:111 opus/48000/2"), PEER);
        SessionDescription offer = s.offerTo("b1", EndpointKind.RTP, PEER);
        SessionDescription answer = s.answerFrom("b1", rtpSdp(b.getLocalPort(), "109", "rtpmap:109 opus/48000/2"));
        s.select("b1");
        int toCallerLeg = answer.media().get(0).port();
        int toCalleeLeg = offer.media().get(0).port();
        OpusCodec opus = new OpusCodec();
        AudioEncoder fromA = opus.newEncoder(48000);
        AudioEncoder fromB = opus.newEncoder(48000);
        byte[] payload = new byte[1500];
        for (int f = 0; f < FRAMES; f++) {
            int n = fromA.encode(OpusTranscodeTest.sine(1000, 48000, f * 960, 960), 0, 960, payload, 0);
            byte[] p = packet(111, f, f * 960, 0xA, payload, n);
            if (f == 0) {
                firstPacket(a, p, toCallerLeg, b);
            } else {
                send(a, p, toCallerLeg);
                assertEquals(109, RtpHeader.payloadType(receive(b).getData(), 0), "passed through as Opus");
            }
            n = fromB.encode(OpusTranscodeTest.sine(440, 48000, f * 960, 960), 0, 960, payload, 0);
            p = packet(109, f, f * 960, 0xB, payload, n);
            if (f == 0) {
                firstPacket(b, p, toCalleeLeg, a);
            } else {
                send(b, p, toCalleeLeg);
                receive(a);
            }
        }
        s.close();
        assertTrue(sink.closed.await(2, TimeUnit.SECONDS));
        assertEquals(48000, sink.clockRate, "the frame's RTP clock stays Opus's");
        assertEquals(160, sink.frameSamples, "20 ms at 8 kHz");
        assertTrue(sink.samples[TapSide.CALLER.ordinal()] >= (FRAMES - 2) * 160, "caller frames decoded");
        OpusTranscodeTest.assertTone(sink.pcm[TapSide.CALLER.ordinal()], 1000);
        OpusTranscodeTest.assertTone(sink.pcm[TapSide.CALLEE.ordinal()], 440);
        assertTrue(media.sessions().isEmpty());
    }

    private static byte[] packet(int pt, int seq, int ts, int ssrc, byte[] payload, int n) {
        byte[] p = RtpRelayTest.rtp(pt, seq, ts, ssrc, (byte) 0, n);
        System.arraycopy(payload, 0, p, 12, n);
        return p;
    }
}
