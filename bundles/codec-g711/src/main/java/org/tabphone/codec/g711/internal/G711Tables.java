package org.tabphone.codec.g711.internal;

/**
 * The lookup tables of one G.711 law, built once by the codec component that owns them.
 *
 * <p>{@link #decode} maps each of the 256 codes to its 16-bit linear value. {@link #encode} maps a
 * 16-bit sample {@code s} to its code at index {@code (s & 0xFFFF) >>> shift}: A-law only looks at
 * the top 13 bits of a sample and mu-law at the top 14 (Sun's {@code g711.c} starts with
 * {@code pcm >> 3} and {@code pcm >> 2}), so the tables have 8,192 and 16,384 entries instead of
 * 65,536 and stay in the L1 data cache.
 *
 * <p>The tables are instance state, not {@code static}: each codec component builds its own when
 * SCR creates it (a few tens of microseconds), and they go away with the component when the bundle
 * is stopped or updated (STYLE.md: provider classes hold no static state). They are never written
 * after construction and are published through final fields, so any thread may read them.
 *
 * <p>The {@code linear2alaw}/{@code alaw2linear}/{@code linear2ulaw}/{@code ulaw2linear} methods
 * are the reference algorithms, ported from Sun's public-domain {@code g711.c}; they run only while
 * the tables are built, never per sample.
 */
final class G711Tables {

    /** Segment ends of the 13-bit magnitude (A-law). */
    private static final int[] SEG_AEND = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
    /** Segment ends of the 14-bit magnitude (mu-law). */
    private static final int[] SEG_UEND = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
    private static final int SIGN_BIT = 0x80;
    private static final int QUANT_MASK = 0x0F;
    private static final int SEG_SHIFT = 4;
    private static final int SEG_MASK = 0x70;
    /** mu-law bias for linear code. */
    private static final int BIAS = 0x84;
    /** mu-law clip level of the 14-bit magnitude. */
    private static final int CLIP = 8159;

    /** Linear value of each code, indexed by {@code code & 0xFF}. */
    final short[] decode;
    /** Code of each sample, indexed by {@code (sample & 0xFFFF) >>> shift}. */
    final byte[] encode;
    /** 3 for A-law, 2 for mu-law. */
    final int shift;

    private G711Tables(short[] decode, byte[] encode, int shift) {
        this.decode = decode;
        this.encode = encode;
        this.shift = shift;
    }

    /** Builds the A-law tables: 256 decode entries, 8,192 encode entries. */
    static G711Tables alaw() {
        short[] decode = new short[256];
        for (int code = 0; code < 256; code++) {
            decode[code] = (short) alaw2linear(code);
        }
        int shift = 3;
        byte[] encode = new byte[0x10000 >>> shift];
        for (int k = 0; k < encode.length; k++) {
            encode[k] = (byte) linear2alaw((short) (k << shift));
        }
        return new G711Tables(decode, encode, shift);
    }

    /** Builds the mu-law tables: 256 decode entries, 16,384 encode entries. */
    static G711Tables ulaw() {
        short[] decode = new short[256];
        for (int code = 0; code < 256; code++) {
            decode[code] = (short) ulaw2linear(code);
        }
        int shift = 2;
        byte[] encode = new byte[0x10000 >>> shift];
        for (int k = 0; k < encode.length; k++) {
            encode[k] = (byte) linear2ulaw((short) (k << shift));
        }
        return new G711Tables(decode, encode, shift);
    }

    private static int search(int value, int[] segmentEnds) {
        for (int i = 0; i < segmentEnds.length; i++) {
            if (value <= segmentEnds[i]) {
                return i;
            }
        }
        return segmentEnds.length;
    }

    /** Sun {@code linear2alaw}: a 16-bit two's complement sample to its A-law code (0..255). */
    static int linear2alaw(int pcm) {
        pcm >>= 3;
        int mask;
        if (pcm >= 0) {
            mask = 0xD5;            // sign (7th) bit = 1
        } else {
            mask = 0x55;            // sign bit = 0
            pcm = -pcm - 1;
        }
        int seg = search(pcm, SEG_AEND);
        if (seg >= 8) {             // out of range: the maximum value
            return 0x7F ^ mask;
        }
        int aval = seg << SEG_SHIFT;
        aval |= seg < 2 ? (pcm >> 1) & QUANT_MASK : (pcm >> seg) & QUANT_MASK;
        return aval ^ mask;
    }

    /** Sun {@code alaw2linear}: an A-law code (0..255) to its 16-bit linear value. */
    static int alaw2linear(int code) {
        int a = (code & 0xFF) ^ 0x55;
        int t = (a & QUANT_MASK) << 4;
        int seg = (a & SEG_MASK) >> SEG_SHIFT;
        switch (seg) {
            case 0 -> t += 8;
            case 1 -> t += 0x108;
            default -> t = (t + 0x108) << (seg - 1);
        }
        return (a & SIGN_BIT) != 0 ? t : -t;
    }

    /** Sun {@code linear2ulaw}: a 16-bit two's complement sample to its mu-law code (0..255). */
    static int linear2ulaw(int pcm) {
        pcm >>= 2;
        int mask;
        if (pcm < 0) {
            pcm = -pcm;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        if (pcm > CLIP) {
            pcm = CLIP;
        }
        pcm += BIAS >> 2;
        int seg = search(pcm, SEG_UEND);
        if (seg >= 8) {             // out of range: the maximum value
            return 0x7F ^ mask;
        }
        return ((seg << 4) | ((pcm >> (seg + 1)) & 0xF)) ^ mask;
    }

    /** Sun {@code ulaw2linear}: a mu-law code (0..255) to its 16-bit linear value. */
    static int ulaw2linear(int code) {
        int u = ~code & 0xFF;
        int t = ((u & QUANT_MASK) << 3) + BIAS;
        t <<= (u & SEG_MASK) >> SEG_SHIFT;
        return (u & SIGN_BIT) != 0 ? BIAS - t : t - BIAS;
    }
}
