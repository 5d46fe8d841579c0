package org.tabphone.codec.opus.internal;

import org.osgi.service.component.annotations.Component;
import org.tabphone.codec.api.AudioCodec;
import org.tabphone.codec.api.AudioDecoder;
import org.tabphone.codec.api.AudioEncoder;

/**
 * Opus: {@code opus/48000/2}, a dynamic payload type. RFC 7587 §7 fixes the SDP to 48 kHz and two
 * channels whatever the stream carries; the RTP clock is always 48 kHz. PCM is mono at any rate
 * libopus decodes to and encodes from, so media transcodes Opus↔G.711 through 8 kHz PCM without a
 * resampler of its own.
 */
@Component(service = AudioCodec.class,
        property = {AudioCodec.ENCODING_PROPERTY + "=opus", "service.ranking:Integer=0"})
public final class OpusCodec implements AudioCodec {

    /** Clock rate of the RTP stream (RFC 7587 §4.1). */
    static final int RTP_CLOCK = 48000;

    @Override
    public String encodingName() {
        return "opus";
    }

    @Override
    public int clockRate() {
        return RTP_CLOCK;
    }

    @Override
    public int channels() {
        return 2;
    }

    @Override
    public int staticPayloadType() {
        return -1;
    }

    /** The rates libopus works at internally (RFC 6716 §2: NB, MB, WB, SWB, FB). */
    @Override
    public boolean supportsPcmRate(int pcmRate) {
        return pcmRate == 8000 || pcmRate == 12000 || pcmRate == 16000 || pcmRate == 24000 || pcmRate == 48000;
    }

    @Override
    public AudioDecoder newDecoder() {
        return newDecoder(RTP_CLOCK);
    }

    @Override
    public AudioEncoder newEncoder() {
        return newEncoder(RTP_CLOCK);
    }

    @Override
    public AudioDecoder newDecoder(int pcmRate) {
        checkRate(pcmRate);
        return new OpusStreamDecoder(pcmRate);
    }

    @Override
    public AudioEncoder newEncoder(int pcmRate) {
        checkRate(pcmRate);
        return new OpusStreamEncoder(pcmRate);
    }

    private void checkRate(int pcmRate) {
        if (!supportsPcmRate(pcmRate)) {
            throw new IllegalArgumentException("Opus works on PCM at 8000, 12000, 16000, 24000 or 48000 Hz, not "
                + pcmRate);
        }
    }

    @Override
    public String toString() {
        return "opus/48000/2 (Concentus)";
    }
}
