package org.tabphone.codec.opus.internal;

import java.util.Objects;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;
import org.tabphone.codec.api.AudioEncoder;

/**
 * One stream's Opus encoder: mono PCM at {@code pcmRate}, VoIP application (RFC 6716 §2.1.8),
 * one Opus frame per call of 2.5, 5, 10, 20, 40 or 60 ms (20 ms on calls). Variable bit rate up to
 * what the input bandwidth needs: narrowband input (8 kHz, from G.711) makes narrowband Opus.
 */
final class OpusStreamEncoder implements AudioEncoder {
    /** The biggest payload one frame may take (RFC 6716 §3.4: 1275 bytes per frame). */
    private static final int MAX_FRAME_BYTES = 1275;
    /** Speech complexity: libopus's default for VoIP is 9; 5 halves the CPU for a loss not heard on G.711 input. */
    private static final int COMPLEXITY = 5;

    private final OpusEncoder encoder;
    private final int rate;

    OpusStreamEncoder(int pcmRate) {
        try {
            this.encoder = new OpusEncoder(pcmRate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        } catch (OpusException e) {
            throw new IllegalArgumentException("Opus encoder at " + pcmRate + " Hz: " + e.getMessage(), e);
        }
        encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
        encoder.setComplexity(COMPLEXITY);
        this.rate = pcmRate;
    }

    @Override
    public int encode(short[] pcm, int pcmOffset, int samples, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(pcmOffset, samples, pcm.length);
        if (!validFrame(samples)) {
            throw new IllegalArgumentException(samples + " samples at " + rate
                + " Hz is no Opus frame length (2.5, 5, 10, 20, 40 or 60 ms)");
        }
        int room = out.length - outOffset;
        if (outOffset < 0 || room < 3) {
            throw new IllegalArgumentException("no room for an Opus packet at offset " + outOffset + " in a buffer of "
                + out.length);
        }
        try {
            return encoder.encode(pcm, pcmOffset, samples, out, outOffset, Math.min(room, MAX_FRAME_BYTES));
        } catch (OpusException e) {
            throw new IllegalArgumentException("Opus frame of " + samples + " samples not encoded: " + e.getMessage(), e);
        }
    }

    /** 2.5 ms units: 1, 2, 4, 8, 16 or 24 of them. */
    private boolean validFrame(int samples) {
        int unit = rate / 400;
        if (samples <= 0 || samples % unit != 0) {
            return false;
        }
        int units = samples / unit;
        return units == 1 || units == 2 || units == 4 || units == 8 || units == 16 || units == 24;
    }
}
