package org.tabphone.sdp.api;

import org.tabphone.sdp.internal.parse.SdpChars;

/**
 * A payload format one side can handle, for {@link OfferAnswer#negotiate}: encoding name (compared
 * case-insensitively, RFC 4855 §3), clock rate and channel count.
 *
 * @param encodingName e.g. {@code PCMU}, {@code opus}, {@code telephone-event}
 * @param clockRate    RTP clock rate in Hz
 * @param channels     audio channels (1 unless the rtpmap says otherwise; Opus is always 2 in SDP)
 */
public record Codec(String encodingName, int clockRate, int channels) {
    public static final Codec PCMU = new Codec("PCMU", 8000, 1);
    public static final Codec PCMA = new Codec("PCMA", 8000, 1);
    /** G.722: the RTP clock rate is 8000 although it samples at 16 kHz (RFC 3551 §4.5.2). */
    public static final Codec G722 = new Codec("G722", 8000, 1);
    public static final Codec G729 = new Codec("G729", 8000, 1);
    /** Opus is always signalled as {@code opus/48000/2} (RFC 7587 §7). */
    public static final Codec OPUS = new Codec("opus", 48000, 2);
    /** RFC 4733 DTMF events at 8 kHz. */
    public static final Codec TELEPHONE_EVENT = new Codec("telephone-event", 8000, 1);

    /** @throws IllegalArgumentException if the name is not a field without a slash, or a number is not positive */
    public Codec {
        if (!SdpChars.isField(encodingName) || encodingName.indexOf('/') >= 0) {
            throw new IllegalArgumentException("Bad encoding name");
        }
        if (clockRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("Clock rate and channels must be positive");
        }
    }

    /** A mono codec. */
    public static Codec of(String encodingName, int clockRate) {
        return new Codec(encodingName, clockRate, 1);
    }

    /** Whether this is RFC 4733 {@code telephone-event}. */
    public boolean isTelephoneEvent() {
        return encodingName.equalsIgnoreCase("telephone-event");
    }

    /** Whether {@code rtpMap} describes this codec: same name ignoring case, clock rate and channels. */
    public boolean matches(RtpMap rtpMap) {
        return encodingName.equalsIgnoreCase(rtpMap.encodingName()) && clockRate == rtpMap.clockRate()
                && channels == rtpMap.channels();
    }

    /** {@code name/rate} or {@code name/rate/channels}. */
    @Override
    public String toString() {
        return channels == 1 ? encodingName + "/" + clockRate : encodingName + "/" + clockRate + "/" + channels;
    }
}
