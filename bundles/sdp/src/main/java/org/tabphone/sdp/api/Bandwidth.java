package org.tabphone.sdp.api;

import org.tabphone.sdp.internal.parse.SdpChars;

/**
 * A {@code b=} line (RFC 8866 §5.8): {@code b=<bwtype>:<bandwidth>}, e.g. {@code b=AS:64} (kbit/s)
 * or {@code b=TIAS:64000} (bit/s, RFC 3890).
 *
 * @param type  the bandwidth type, e.g. {@code AS}, {@code CT}, {@code TIAS}, {@code RS}, {@code RR}
 * @param value the bandwidth
 */
public record Bandwidth(String type, long value) {
    /** @throws IllegalArgumentException if the type is not a field without a colon, or the value is negative */
    public Bandwidth {
        if (!SdpChars.isAttributeName(type)) {
            throw new IllegalArgumentException("Bad bandwidth type");
        }
        if (value < 0) {
            throw new IllegalArgumentException("Negative bandwidth");
        }
    }

    /** Whether the type is {@code type}, ignoring case. */
    public boolean is(String type) {
        return this.type.equalsIgnoreCase(type);
    }

    /** The line value, without {@code b=}. */
    public String encode() {
        return type + ":" + value;
    }

    @Override
    public String toString() {
        return "b=" + encode();
    }
}
