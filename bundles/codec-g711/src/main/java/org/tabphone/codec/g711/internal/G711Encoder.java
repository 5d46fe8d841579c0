package org.tabphone.codec.g711.internal;

import java.util.Objects;

import org.tabphone.codec.api.AudioEncoder;

/**
 * G.711 encoder for either law: one shift and one table load per sample, no branch and no
 * allocation per call. Stateless, so one instance could serve many streams; the SPI still hands
 * out one per stream.
 */
final class G711Encoder implements AudioEncoder {

    private final byte[] table;
    private final int shift;

    G711Encoder(G711Tables tables) {
        this.table = tables.encode;
        this.shift = tables.shift;
    }

    @Override
    public int encode(short[] pcm, int pcmOffset, int samples, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(pcmOffset, samples, pcm.length);
        if (outOffset < 0 || outOffset > out.length - samples) {
            throw new IllegalArgumentException("no room for " + samples + " bytes at offset " + outOffset
                    + " in a buffer of " + out.length);
        }
        byte[] t = table;
        int s = shift;
        for (int i = 0; i < samples; i++) {
            out[outOffset + i] = t[(pcm[pcmOffset + i] & 0xFFFF) >>> s];
        }
        return samples;
    }
}
