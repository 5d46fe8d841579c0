package org.tabphone.agent.internal;

import java.util.Locale;

/**
 * How a stream agent's audio frames carry samples ({@code stream.encoding}): 16-bit
 * little-endian PCM, or G.711 μ-law / A-law at one byte per sample (half the bytes, the same
 * bytes a SIP trunk carries).
 */
enum StreamEncoding {
    L16(2), PCMU(1), PCMA(1);

    static final String KEY = "stream.encoding";

    /** Bytes per 8 kHz sample in a frame's payload. */
    final int bytesPerSample;

    StreamEncoding(int bytesPerSample) {
        this.bytesPerSample = bytesPerSample;
    }

    /** The name in the start event's {@code format}: also the codec's encoding name for G.711. */
    String wireName() {
        return name();
    }

    /** A configured value ({@code l16}, {@code pcmu}, {@code pcma}, any case; blank is L16). */
    static StreamEncoding parse(String value) {
        if (value == null || value.isBlank()) {
            return L16;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY + " must be l16, pcmu or pcma, not '" + value.trim() + "'");
        }
    }
}
