package org.tabphone.codec.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An audio codec, registered as an OSGi service by a codec bundle. Media looks codecs up per
 * call by {@link #encodingName()} and {@link #clockRate()}, so a codec bundle can be stopped,
 * updated and started while the gateway runs: calls that need a codec which has gone away
 * fall back to pass-through or silence and log why.
 *
 * <p>Service property {@value #ENCODING_PROPERTY} carries the encoding name (upper case, as in
 * an SDP {@code a=rtpmap}) so consumers can filter without getting the service.
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
}
