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
import org.tabphone.codec.opus.internal.OpusCodec;

/**
 * Opus cost per 20 ms frame on one core, through the codec SPI the way media transcodes (Opus ↔
 * G.711 through 8 kHz PCM): one decoder and one encoder per stream, buffers reused.
 *
 * <ul>
 *   <li>{@code decodeBrowserFrameTo8k}: a 20 ms packet as a browser sends it (encoded from 48 kHz,
 *       full band) decoded to 8 kHz PCM (Concentus at 48 kHz, then the bundle's decimator) — the
 *       Opus → PCMU direction and the recording tap;</li>
 *   <li>{@code encode8kFrame}: 160 samples of 8 kHz PCM (from a G.711 phone) to an Opus packet —
 *       the PCMU → Opus direction.</li>
 * </ul>
 *
 * <p>Input: one second (50 frames) of the same speech-like signal as {@link G711Benchmark}. The
 * bench makes the codec with {@code new} (SCR does in Karaf); the rest goes through the SPI.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OpusBenchmark {
    static final int FRAMES = 50;

    private AudioDecoder decoder;
    private AudioEncoder encoder;
    private short[][] pcm8k;
    private byte[][] packets;
    private final short[] pcm = new short[960];
    private final byte[] out = new byte[1500];
    private int frame;

    @Setup
    public void setUp() {
        AudioCodec opus = new OpusCodec();
        Random random = new Random(42);
        pcm8k = new short[FRAMES][160];
        short[][] pcm48k = new short[FRAMES][960];
        for (int f = 0; f < FRAMES; f++) {
            for (int i = 0; i < 960; i++) {
                double t = (f * 960 + i) / 48000.0;
                double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
                double v = envelope * (6000 * Math.sin(2 * Math.PI * 220 * t) + 3000 * Math.sin(2 * Math.PI * 660 * t)
                    + 1500 * Math.sin(2 * Math.PI * 1800 * t)) + random.nextGaussian() * 300;
                pcm48k[f][i] = (short) v;
                if (i % 6 == 0) {
                    pcm8k[f][i / 6] = (short) v;
                }
            }
        }
        AudioEncoder browser = opus.newEncoder(48000);
        packets = new byte[FRAMES][];
        for (int f = 0; f < FRAMES; f++) {
            int n = browser.encode(pcm48k[f], 0, 960, out, 0);
            packets[f] = java.util.Arrays.copyOf(out, n);
        }
        decoder = opus.newDecoder(8000);
        encoder = opus.newEncoder(8000);
    }

    @Benchmark
    public int decodeBrowserFrameTo8k() {
        byte[] p = packets[frame++ % FRAMES];
        return decoder.decode(p, 0, p.length, pcm, 0);
    }

    @Benchmark
    public int encode8kFrame() {
        return encoder.encode(pcm8k[frame++ % FRAMES], 0, 160, out, 0);
    }
}
