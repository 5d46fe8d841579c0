package org.tabphone.sdp.api;

import org.tabphone.sdp.internal.parse.SdpChars;

/**
 * A line whose type letter RFC 8866 does not define (anything but {@code v o s i u e p c b t r z k a
 * m}). It is kept, in order, at the level it appeared on, and written back before that level's
 * {@code a=} lines.
 *
 * @param type  the type letter, {@code a}-{@code z}
 * @param value the text after {@code =} (trailing spaces are dropped)
 */
public record UnknownLine(char type, String value) {
    private static final String KNOWN = "vosiuepcbtrzkam";

    /** @throws IllegalArgumentException if the type is not an unknown lower-case letter or the value holds NUL, CR or LF */
    public UnknownLine {
        if (type < 'a' || type > 'z' || KNOWN.indexOf(type) >= 0) {
            throw new IllegalArgumentException("Not an unknown line type: " + type);
        }
        value = java.util.Objects.requireNonNull(SdpChars.text(value));
    }

    /** Whether RFC 8866 defines the type letter {@code type}. */
    public static boolean isKnownType(char type) {
        return KNOWN.indexOf(type) >= 0;
    }

    @Override
    public String toString() {
        return type + "=" + value;
    }
}
