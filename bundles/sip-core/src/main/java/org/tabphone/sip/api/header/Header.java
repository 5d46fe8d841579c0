package org.tabphone.sip.api.header;

import java.util.Objects;

/**
 * One header field line (RFC 3261 §7.3): its name (compact forms already expanded) and its value
 * with folding undone and surrounding whitespace removed.
 *
 * @param name  the header name; unknown names are extension {@link HeaderName}s
 * @param value the value, never containing CR or LF
 */
public record Header(HeaderName name, String value) {
    public Header {
        Objects.requireNonNull(name, "name");
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("Header value contains CR/LF");
        }
    }

    /** Convenience for {@code new Header(HeaderName.of(name), value)}. */
    public static Header of(String name, String value) {
        return new Header(HeaderName.of(name), value);
    }

    /** {@code Name: value}. */
    @Override
    public String toString() {
        return name.name() + ": " + value;
    }
}
