package org.tabphone.bench.codec;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tabphone.codec.api.AudioCodec;
import org.tabphone.codec.api.AudioDecoder;
import org.tabphone.codec.api.AudioEncoder;
import org.tabphone.codec.g711.internal.PcmaCodec;
import org.tabphone.codec.g711.internal.PcmuCodec;

/**
 * G.711 cost per 20 ms frame (160 samples at 8 kHz) on one core, through the codec SPI the way media
 * uses it: one decoder and one encoder per stream, frame buffers allocated once and reused.
 *
 * <ul>
 *   <li>{@code transcodePcmaToPcmu}: A-law payload, decoded to PCM by the PCMA decoder, encoded by
 *       the PCMU encoder (a PCMA trunk leg bridged to a PCMU webphone leg);</li>
 *   <li>{@code decodePcma}, {@code decodePcmu}: payload to PCM;</li>
 *   <li>{@code encodePcma}, {@code encodePcmu}: PCM to payload.</li>
 * </ul>
 *
 * <p>Input is one second (50 frames) of a deterministic speech-like signal (a few partials with a
 * syllable-rate envelope plus noise, peaks around -6 dBFS), in RTP-sized buffers: payloads start
 * after a 12-byte RTP header. Each invocation takes the next frame. Divide ns/op by 160 for ns per
 * sample ({@code bench/g711.sh} does).
 *
 * <p>In Karaf, SCR creates the codec components; here the bench makes them with {@code new}, which
 * is the only use of the bundle's internal package, and everything after that goes through
 * {@link AudioCodec}, {@link AudioDecoder} and {@link AudioEncoder}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class G711Benchmark {
    static final int SAMPLES = 160;             // 20 ms at 8 kHz
    static final int FRAMES = 50;               // one second of audio
    static final int RTP_HEADER = 12;

    private AudioDecoder pcmaDecoder;
    private AudioDecoder pcmuDecoder;
    private AudioEncoder pcmaEncoder;
    private AudioEncoder pcmuEncoder;

    /** Input: 50 frames of PCM, and the same audio as A-law and mu-law RTP packets. */
    private short[][] pcmIn;
    private byte[][] pcmaIn;
    private byte[][] pcmuIn;

    /** Output buffers, reused for every frame. */
    private final short[] pcm = new short[SAMPLES];
    private final byte[] packetOut = new byte[RTP_HEADER + SAMPLES];

    private int frame;

    @Setup
    public void setUp() {
        AudioCodec pcma = new PcmaCodec();
        AudioCodec pcmu = new PcmuCodec();
        pcmaDecoder = pcma.newDecoder();
        pcmaEncoder = pcma.newEncoder();
        pcmuDecoder = pcmu.newDecoder();
        pcmuEncoder = pcmu.newEncoder();

        short[] signal = speechLike(SAMPLES * FRAMES, 20111129L);
        pcmIn = new short[FRAMES][SAMPLES];
        pcmaIn = new byte[FRAMES][RTP_HEADER + SAMPLES];
        pcmuIn = new byte[FRAMES][RTP_HEADER + SAMPLES];
        AudioEncoder a = pcma.newEncoder();
        AudioEncoder u = pcmu.newEncoder();
        for (int f = 0; f < FRAMES; f++) {
            System.arraycopy(signal, f * SAMPLES, pcmIn[f], 0, SAMPLES);
            pcmaIn[f][0] = (byte) 0x80;
            pcmaIn[f][1] = 8;
            pcmuIn[f][0] = (byte) 0x80;
            a.encode(pcmIn[f], 0, SAMPLES, pcmaIn[f], RTP_HEADER);
            u.encode(pcmIn[f], 0, SAMPLES, pcmuIn[f], RTP_HEADER);
        }
    }

    private int nextFrame() {
        int f = frame + 1;
        if (f == FRAMES) {
            f = 0;
        }
        frame = f;
        return f;
    }

    @Benchmark
    public byte transcodePcmaToPcmu() {
        byte[] in = pcmaIn[nextFrame()];
        pcmaDecoder.decode(in, RTP_HEADER, SAMPLES, pcm, 0);
        pcmuEncoder.encode(pcm, 0, SAMPLES, packetOut, RTP_HEADER);
        return packetOut[RTP_HEADER + SAMPLES - 1];
    }

    @Benchmark
    public short decodePcma() {
        pcmaDecoder.decode(pcmaIn[nextFrame()], RTP_HEADER, SAMPLES, pcm, 0);
        return pcm[SAMPLES - 1];
    }

    @Benchmark
    public short decodePcmu() {
        pcmuDecoder.decode(pcmuIn[nextFrame()], RTP_HEADER, SAMPLES, pcm, 0);
        return pcm[SAMPLES - 1];
    }

    @Benchmark
    public byte encodePcma() {
        pcmaEncoder.encode(pcmIn[nextFrame()], 0, SAMPLES, packetOut, RTP_HEADER);
        return packetOut[RTP_HEADER + SAMPLES - 1];
    }

    @Benchmark
    public byte encodePcmu() {
        pcmuEncoder.encode(pcmIn[nextFrame()], 0, SAMPLES, packetOut, RTP_HEADER);
        return packetOut[RTP_HEADER + SAMPLES - 1];
    }

    /** A few partials under a 4 Hz syllable envelope, plus noise; peaks around half of full scale. */
    static short[] speechLike(int n, long seed) {
        Random random = new Random(seed);
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            double t = i / 8000.0;
            double envelope = 0.15 + 0.85 * Math.abs(Math.sin(2 * Math.PI * 2 * t));
            double voice = 0.5 * Math.sin(2 * Math.PI * 180 * t)
                    + 0.3 * Math.sin(2 * Math.PI * 720 * t + 1.0)
                    + 0.15 * Math.sin(2 * Math.PI * 2300 * t + 2.0);
            double noise = 0.05 * random.nextGaussian();
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(16000 * envelope * (voice + noise))));
        }
        return out;
    }
}
