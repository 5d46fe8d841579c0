package org.tabphone.media.api;

/** What a {@link TapSink} is handed. */
public enum TapFormat {
    /**
     * Decoded audio: 16-bit linear PCM, 8 kHz, mono, through the codec services the media bundle
     * transcodes with. Only frames of a leg's audio format that an installed codec decodes to 8 kHz
     * (G.711; Opus with the Opus codec bundle, whose RTP timestamps stay at 48 kHz: see
     * {@link TapFrame#clockRate()}); DTMF events and comfort noise are not delivered.
     */
    PCM16_8K,
    /** Every RTP packet a leg sent (after SRTP), header included, with its codec. */
    RTP
}
