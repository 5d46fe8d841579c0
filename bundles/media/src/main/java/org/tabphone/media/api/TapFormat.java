package org.tabphone.media.api;

/** What a {@link TapSink} is handed. */
public enum TapFormat {
    /**
     * Decoded audio: 16-bit linear PCM, 8 kHz, mono, through the codec services the media bundle
     * transcodes with. Only frames of a leg's audio format that an installed 8 kHz codec decodes
     * (G.711 today); DTMF events, comfort noise and wide-band codecs (Opus) are not delivered.
     */
    PCM16_8K,
    /** Every RTP packet a leg sent (after SRTP), header included, with its codec. */
    RTP
}
