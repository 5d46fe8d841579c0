package org.tabphone.agent.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads a PCM16 mono WAV (what espeak-ng writes, 22,050 Hz) and resamples it to 8 kHz; writes one. */
final class Wav {
    private Wav() {
    }

    static short[] toPcm8k(byte[] wav) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // "RIFF" ... "WAVE"
            throw new IOException("not a WAV file");
        }
        int rate = 0;
        int channels = 0;
        int bits = 0;
        int at = 12;
        while (at + 8 <= wav.length) {
            int id = b.getInt(at);
            int size = b.getInt(at + 4);
            int body = at + 8;
            if (id == 0x20746d66) { // "fmt "
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
            } else if (id == 0x61746164) { // "data" (espeak-ng streams with a size it can't know: take the rest)
                if (channels != 1 || bits != 16 || rate <= 0) {
                    throw new IOException("need 16-bit mono PCM, got " + bits + "-bit, " + channels + " channels");
                }
                int n = (Math.min(size < 0 ? Integer.MAX_VALUE : size, wav.length - body)) / 2;
                short[] in = new short[n];
                b.position(body);
                b.asShortBuffer().get(in, 0, n);
                return resample(in, rate, 8000);
            }
            at = body + Math.max(0, size) + (size & 1);
        }
        throw new IOException("no audio data in WAV");
    }

    /** Each output sample is the mean of the input samples it covers: a box low-pass, enough for speech. */
    static short[] resample(short[] in, int from, int to) {
        if (from == to) {
            return in;
        }
        int n = (int) ((long) in.length * to / from);
        short[] out = new short[n];
        double step = (double) from / to;
        for (int i = 0; i < n; i++) {
            int start = (int) (i * step);
            int end = Math.min(in.length, Math.max(start + 1, (int) ((i + 1) * step)));
            long sum = 0;
            for (int j = start; j < end; j++) {
                sum += in[j];
            }
            out[i] = (short) (sum / (end - start));
        }
        return out;
    }

    /** A PCM16 mono WAV with the plain 44-byte header (what pocketsphinx's -adchdr 44 skips). */
    static byte[] of(short[] pcm, int rate) {
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + pcm.length * 2).putInt(0x45564157)        // RIFF size WAVE
            .putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1)  // fmt: PCM, mono
            .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
            .putInt(0x61746164).putInt(pcm.length * 2);                             // data
        for (short s : pcm) {
            b.putShort(s);
        }
        return b.array();
    }
}
