package org.tabphone.codec.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An audio codec, registered as an OSGi service by a codec bundle. Media looks codecs up per
 * call by {@link #encodingName()} and {@link #clockRate()}, so a codec bundle can be stopped,
 * updated and started while the gateway runs: calls that need a codec which has gone away
 * fall back to pass-through or silence and log why.
 *
 * <p>Service property {@value #ENCODING_PROPERTY} carries the encoding name (as in an SDP
 * {@code a=rtpmap}, compared without regard to case) so consumers can filter without getting the
 * service.
 *
 * <p>PCM rates (since 1.1): {@link #newDecoder()} and {@link #newEncoder()} work on PCM at the
 * codec's {@link #clockRate()}. A codec that can resample inside (Opus decodes to and encodes from
 * 8, 12, 16, 24 or 48 kHz) says so in {@link #supportsPcmRate(int)} and serves
 * {@link #newDecoder(int)} / {@link #newEncoder(int)} at those rates; that is how media transcodes
 * between formats of different clock rates through one common PCM rate (8 kHz). The defaults serve
 * only the clock rate, so a codec written against 1.0 keeps working unchanged.
 */
@ConsumerType
public interface AudioCodec {

    /** Service property with the encoding name, e.g. {@code PCMU}. */
    String ENCODING_PROPERTY = "codec.encoding";

    /** Encoding name as written in {@code a=rtpmap}, e.g. {@code PCMU}, {@code PCMA}, {@code opus}. */
    String encodingName();

    /** RTP clock rate in Hz (8000 for G.711). */
    int clockRate();

    /** Audio channels carried in the payload. */
    int channels();

    /** The static RTP payload type (RFC 3551), or -1 when the codec uses a dynamic one. */
    int staticPayloadType();

    /** A new decoder; decoders may keep state between frames, so one per stream. */
    AudioDecoder newDecoder();

    /** A new encoder; encoders may keep state between frames, so one per stream. */
    AudioEncoder newEncoder();

    /**
     * Whether {@link #newDecoder(int)} and {@link #newEncoder(int)} serve PCM at {@code pcmRate} Hz.
     * The default: only at {@link #clockRate()}.
     *
     * @since 1.1
     */
    default boolean supportsPcmRate(int pcmRate) {
        return pcmRate == clockRate();
    }

    /**
     * A new decoder whose PCM runs at {@code pcmRate} Hz (mono), whatever the RTP clock rate.
     *
     * @throws IllegalArgumentException when {@link #supportsPcmRate(int)} says no
     * @since 1.1
     */
    default AudioDecoder newDecoder(int pcmRate) {
        if (pcmRate != clockRate()) {
            throw new IllegalArgumentException(encodingName() + " decodes to " + clockRate() + " Hz PCM only, not "
                + pcmRate);
        }
        return newDecoder();
    }

    /**
     * A new encoder taking PCM at {@code pcmRate} Hz (mono), whatever the RTP clock rate.
     *
     * @throws IllegalArgumentException when {@link #supportsPcmRate(int)} says no
     * @since 1.1
     */
    default AudioEncoder newEncoder(int pcmRate) {
        if (pcmRate != clockRate()) {
            throw new IllegalArgumentException(encodingName() + " encodes from " + clockRate() + " Hz PCM only, not "
                + pcmRate);
        }
        return newEncoder();
    }
}
