package org.tabphone.sip.api.uri;

import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.internal.parse.UriParser;

/**
 * A URI as used in SIP (RFC 3261 §19.1, §25.1 Request-URI): {@link SipUri} for sip/sips,
 * {@link TelUri} for tel (RFC 3966) and {@link AbsoluteUri} for any other scheme.
 * {@link #toString()} is the wire form.
 */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {

    /** The scheme in lower case, e.g. {@code sip}, {@code tel}, {@code soap.beep}. */
    String scheme();

    /** The wire form. */
    @Override
    String toString();

    /**
     * Parses a URI in its wire form (no enclosing {@code <>}).
     *
     * @throws IllegalArgumentException if it is not a valid URI
     */
    static Uri parse(String uri) {
        try {
            return UriParser.parseUri(uri);
        } catch (SipParseException e) {
            throw new IllegalArgumentException(e.reason(), e);
        }
    }
}
