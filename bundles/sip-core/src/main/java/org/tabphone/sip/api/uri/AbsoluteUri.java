package org.tabphone.sip.api.uri;

import java.util.Locale;
import java.util.Objects;

/**
 * A URI of a scheme this stack does not interpret (RFC 3261 §25.1 absoluteURI), e.g.
 * {@code soap.beep://192.0.2.103:3002}, {@code http://www.example.com}, {@code isbn:2983792873}.
 * Kept as its raw text. Two are equal when their schemes match case-insensitively and the rest
 * is identical.
 */
public final class AbsoluteUri implements Uri {
    private final String scheme;
    private final String text;

    private AbsoluteUri(String scheme, String text) {
        this.scheme = scheme;
        this.text = text;
    }

    /**
     * Wraps an already validated wire form; see {@link Uri#parse(String)} for untrusted text.
     *
     * @param text the full URI, {@code scheme ":" rest}
     */
    public static AbsoluteUri of(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("URI has no scheme: " + text);
        }
        return new AbsoluteUri(text.substring(0, colon).toLowerCase(Locale.ROOT), text);
    }

    @Override
    public String scheme() {
        return scheme;
    }

    /** Everything after {@code scheme:}. */
    public String schemeSpecificPart() {
        return text.substring(text.indexOf(':') + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof AbsoluteUri other && other.scheme.equals(scheme)
                && Objects.equals(other.schemeSpecificPart(), schemeSpecificPart()));
    }

    @Override
    public int hashCode() {
        return scheme.hashCode() * 31 + schemeSpecificPart().hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
