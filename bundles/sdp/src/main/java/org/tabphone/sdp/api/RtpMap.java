package org.tabphone.sdp.api;

import java.util.Objects;
import java.util.Optional;
import org.tabphone.sdp.internal.parse.SdpChars;

/**
 * What an RTP payload type stands for: an {@code a=rtpmap:<pt> <name>/<rate>[/<channels>]} line
 * (RFC 8866 §6.6), or, for a static payload type listed without one, the RFC 3551 §6 table entry
 * ({@link #isStatic()}).
 */
public final class RtpMap {
    /** The highest RTP payload type (7 bits). */
    public static final int MAX_PAYLOAD_TYPE = 127;

    private static final RtpMap[] STATIC = new RtpMap[35];

    static {
        // RFC 3551 Table 4 (audio) and Table 5 (video)
        putStatic(0, "PCMU", 8000, 0);
        putStatic(3, "GSM", 8000, 0);
        putStatic(4, "G723", 8000, 0);
        putStatic(5, "DVI4", 8000, 0);
        putStatic(6, "DVI4", 16000, 0);
        putStatic(7, "LPC", 8000, 0);
        putStatic(8, "PCMA", 8000, 0);
        putStatic(9, "G722", 8000, 0);
        putStatic(10, "L16", 44100, 2);
        putStatic(11, "L16", 44100, 0);
        putStatic(12, "QCELP", 8000, 0);
        putStatic(13, "CN", 8000, 0);
        putStatic(14, "MPA", 90000, 0);
        putStatic(15, "G728", 8000, 0);
        putStatic(16, "DVI4", 11025, 0);
        putStatic(17, "DVI4", 22050, 0);
        putStatic(18, "G729", 8000, 0);
        putStatic(25, "CelB", 90000, 0);
        putStatic(26, "JPEG", 90000, 0);
        putStatic(28, "nv", 90000, 0);
        putStatic(31, "H261", 90000, 0);
        putStatic(32, "MPV", 90000, 0);
        putStatic(33, "MP2T", 90000, 0);
        putStatic(34, "H263", 90000, 0);
    }

    private final int payloadType;
    private final String encodingName;
    private final int clockRate;
    private final int channels; // 0: not written (means 1)
    private final boolean isStatic;

    private RtpMap(int payloadType, String encodingName, int clockRate, int channels, boolean isStatic) {
        this.payloadType = payloadType;
        this.encodingName = encodingName;
        this.clockRate = clockRate;
        this.channels = channels;
        this.isStatic = isStatic;
    }

    private static void putStatic(int pt, String name, int rate, int channels) {
        STATIC[pt] = new RtpMap(pt, name, rate, channels, true);
    }

    /** {@code <pt> <name>/<rate>}, no channel count written. */
    public static RtpMap of(int payloadType, String encodingName, int clockRate) {
        return create(payloadType, encodingName, clockRate, 0);
    }

    /** {@code <pt> <name>/<rate>/<channels>}, the channel count written even when it is 1. */
    public static RtpMap of(int payloadType, String encodingName, int clockRate, int channels) {
        if (channels <= 0) {
            throw new IllegalArgumentException("Channels must be positive");
        }
        return create(payloadType, encodingName, clockRate, channels);
    }

    /** The rtpmap line for {@code codec} with payload type {@code payloadType}; channels are written when not 1. */
    public static RtpMap of(int payloadType, Codec codec) {
        return create(payloadType, codec.encodingName(), codec.clockRate(), codec.channels() == 1 ? 0 : codec.channels());
    }

    private static RtpMap create(int payloadType, String encodingName, int clockRate, int channels) {
        if (payloadType < 0 || payloadType > MAX_PAYLOAD_TYPE) {
            throw new IllegalArgumentException("Payload type out of range: " + payloadType);
        }
        if (!SdpChars.isField(encodingName) || encodingName.indexOf('/') >= 0) {
            throw new IllegalArgumentException("Bad encoding name");
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("Clock rate must be positive");
        }
        return new RtpMap(payloadType, encodingName, clockRate, channels, false);
    }

    /**
     * Parses an rtpmap attribute value, e.g. {@code 111 opus/48000/2}.
     *
     * @return empty when it is malformed
     */
    public static Optional<RtpMap> parse(String value) {
        String[] f = SdpChars.fields(value);
        if (f.length != 2) {
            return Optional.empty();
        }
        int pt = SdpChars.parseUnsigned(f[0], MAX_PAYLOAD_TYPE);
        String[] enc = f[1].split("/", -1);
        if (pt < 0 || enc.length < 2 || enc.length > 3 || enc[0].isEmpty()) {
            return Optional.empty();
        }
        int rate = SdpChars.parseUnsigned(enc[1], Integer.MAX_VALUE);
        int channels = enc.length == 3 ? SdpChars.parseUnsigned(enc[2], 255) : 0;
        if (rate <= 0 || channels < 0 || (enc.length == 3 && channels == 0)) {
            return Optional.empty();
        }
        return Optional.of(new RtpMap(pt, enc[0], rate, channels, false));
    }

    /** The RFC 3551 meaning of a static payload type, if it has one. */
    public static Optional<RtpMap> staticPayloadType(int payloadType) {
        return payloadType >= 0 && payloadType < STATIC.length ? Optional.ofNullable(STATIC[payloadType])
                : Optional.empty();
    }

    public int payloadType() {
        return payloadType;
    }

    /** The encoding name as written, e.g. {@code opus} or {@code PCMU}. */
    public String encodingName() {
        return encodingName;
    }

    public int clockRate() {
        return clockRate;
    }

    /** The channel count: the third rtpmap field, or 1 when it is not written. */
    public int channels() {
        return channels == 0 ? 1 : channels;
    }

    /** Whether the rtpmap writes the channel count ({@code G722/8000/1} does, {@code PCMU/8000} does not). */
    public boolean hasChannels() {
        return channels != 0;
    }

    /** Whether this came from the RFC 3551 table because the description has no rtpmap line for it. */
    public boolean isStatic() {
        return isStatic;
    }

    /** Whether this is RFC 4733 {@code telephone-event}. */
    public boolean isTelephoneEvent() {
        return encodingName.equalsIgnoreCase("telephone-event");
    }

    /** The {@link Codec} this payload type carries. */
    public Codec codec() {
        return new Codec(encodingName, clockRate, channels());
    }

    /** {@code <name>/<rate>[/<channels>]} as written, e.g. {@code opus/48000/2}. */
    public String encoding() {
        return channels == 0 ? encodingName + "/" + clockRate : encodingName + "/" + clockRate + "/" + channels;
    }

    /** The attribute value: {@code <pt> <name>/<rate>[/<channels>]}. */
    public String encode() {
        return payloadType + " " + encoding();
    }

    /** {@code a=rtpmap:<pt> <encoding>}. */
    public Attribute toAttribute() {
        return Attribute.of("rtpmap", encode());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpMap r && payloadType == r.payloadType && encodingName.equals(r.encodingName)
                && clockRate == r.clockRate && channels == r.channels && isStatic == r.isStatic;
    }

    @Override
    public int hashCode() {
        return Objects.hash(payloadType, encodingName, clockRate, channels, isStatic);
    }

    @Override
    public String toString() {
        return encode() + (isStatic ? " (static)" : "");
    }
}
