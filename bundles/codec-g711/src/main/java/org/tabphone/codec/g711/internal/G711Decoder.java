package org.tabphone.codec.g711.internal;

import java.util.Objects;

import org.tabphone.codec.api.AudioDecoder;

/**
 * G.711 decoder for either law: one table load per payload byte, no branch and no allocation per
 * call. Stateless, so one instance could serve many streams; the SPI still hands out one per stream.
 */
final class G711Decoder implements AudioDecoder {

    private final short[] table;

    G711Decoder(G711Tables tables) {
        this.table = tables.decode;
    }

    @Override
    public int decode(byte[] in, int offset, int length, short[] pcm, int pcmOffset) {
        Objects.checkFromIndexSize(offset, length, in.length);
        if (pcmOffset < 0 || pcmOffset > pcm.length - length) {
            throw new IllegalArgumentException("no room for " + length + " samples at offset " + pcmOffset
                    + " in a buffer of " + pcm.length);
        }
        short[] t = table;
        for (int i = 0; i < length; i++) {
            pcm[pcmOffset + i] = t[in[offset + i] & 0xFF];
        }
        return length;
    }
}
