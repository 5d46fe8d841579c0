package org.tabphone.media.internal.tap;

import java.util.function.Function;
import java.util.function.LongSupplier;

import org.tabphone.codec.api.AudioCodec;
import org.tabphone.codec.api.AudioDecoder;

/**
 * Decodes one side's audio for PCM taps with the installed codec services (the ones the relay
 * transcodes with), looked up again when the leg's encoding changes or a codec bundle comes or
 * goes. Only 8 kHz mono codecs: anything else is not decoded. Tap thread only.
 */
final class SideDecoder {
    private final Function<String, AudioCodec> codecs;
    private final LongSupplier generation;
    private String encoding;
    private long seenGeneration = -1;
    private AudioDecoder decoder;
    /** The encoding we said we can't decode, so the log says it once. */
    String undecodable;

    SideDecoder(Function<String, AudioCodec> codecs, LongSupplier generation) {
        this.codecs = codecs;
        this.generation = generation;
    }

    /** The decoder for {@code enc}, or null when no 8 kHz mono codec service decodes it. */
    AudioDecoder decoderFor(String enc) {
        long g = generation.getAsLong();
        if (!enc.equals(encoding) || g != seenGeneration) {
            encoding = enc;
            seenGeneration = g;
            AudioCodec c = codecs.apply(enc);
            decoder = c != null && c.clockRate() == 8000 && c.channels() == 1 ? c.newDecoder() : null;
        }
        return decoder;
    }
}
