package org.tabphone.media.internal.tap;

import java.util.function.Function;
import java.util.function.LongSupplier;

import org.tabphone.codec.api.AudioCodec;
import org.tabphone.codec.api.AudioDecoder;

/**
 * Decodes one side's audio to 8 kHz mono PCM for PCM taps with the installed codec services (the
 * ones the relay transcodes with), looked up again when the leg's encoding changes or a codec
 * bundle comes or goes. Codecs of other clock rates decode when they serve 8 kHz PCM (Opus does);
 * anything else is not decoded. Tap thread only.
 */
final class SideDecoder {
    static final int PCM_RATE = 8000;
    private final Function<String, AudioCodec> codecs;
    private final LongSupplier generation;
    private String encoding;
    private int rate;
    private long seenGeneration = -1;
    private AudioDecoder decoder;
    /** The encoding we said we can't decode, so the log says it once. */
    String undecodable;

    SideDecoder(Function<String, AudioCodec> codecs, LongSupplier generation) {
        this.codecs = codecs;
        this.generation = generation;
    }

    /** The 8 kHz decoder for {@code enc} at {@code clockRate}, or null when no codec service decodes it to 8 kHz. */
    AudioDecoder decoderFor(String enc, int clockRate) {
        long g = generation.getAsLong();
        if (!enc.equals(encoding) || clockRate != rate || g != seenGeneration) {
            encoding = enc;
            rate = clockRate;
            seenGeneration = g;
            AudioCodec c = codecs.apply(enc);
            decoder = c != null && c.clockRate() == clockRate && c.supportsPcmRate(PCM_RATE)
                && (c.channels() == 1 || c.clockRate() != PCM_RATE) ? c.newDecoder(PCM_RATE) : null;
        }
        return decoder;
    }
}
