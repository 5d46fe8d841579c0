package org.tabphone.sip.api.header;

import java.util.Objects;
import java.util.Optional;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.uri.Uri;
import org.tabphone.sip.internal.parse.NameAddrParser;

/**
 * A name-addr or addr-spec with header parameters (RFC 3261 §20.10, §25.1): the value of From, To,
 * Contact, Route, Record-Route, Reply-To and similar headers.
 *
 * <p>The display name is unquoted with its escapes resolved ({@code "J \"R\""} gives {@code J "R"}).
 * {@link #toString()} writes {@code "Name" <uri>;params}; without a display name it writes the bare
 * addr-spec unless the URI contains ',', ';' or '?', which RFC 3261 §20.10 says must then be in
 * {@code <>}.
 */
public final class NameAddress implements HeaderValue {
    private final String displayName;
    private final Uri uri;
    private final Parameters params;

    private NameAddress(String displayName, Uri uri, Parameters params) {
        this.displayName = displayName;
        this.uri = uri;
        this.params = params;
    }

    /** An address with no display name and no parameters. */
    public static NameAddress of(Uri uri) {
        return of(null, uri, Parameters.empty());
    }

    /**
     * An address with every component given.
     *
     * @param displayName the display name in plain text (it is quoted when written), or null for none
     * @throws IllegalArgumentException if the display name contains CR or LF
     */
    public static NameAddress of(String displayName, Uri uri, Parameters params) {
        if (displayName != null && (displayName.indexOf('\r') >= 0 || displayName.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("Display name contains CR/LF");
        }
        return new NameAddress(displayName, Objects.requireNonNull(uri), Objects.requireNonNull(params));
    }

    /**
     * Parses one name-addr or addr-spec with parameters (one element, not a comma list).
     *
     * @throws IllegalArgumentException if it is not valid
     */
    public static NameAddress parse(String value) {
        try {
            return NameAddrParser.parseNameAddrValue(value);
        } catch (SipParseException e) {
            throw new IllegalArgumentException(e.reason(), e);
        }
    }

    /** The display name, unquoted and unescaped. */
    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    public Uri uri() {
        return uri;
    }

    /** The header parameters (after the URI, outside {@code <>}). */
    public Parameters params() {
        return params;
    }

    /** The {@code tag} parameter (RFC 3261 §19.3). */
    public Optional<String> tag() {
        return params.get("tag");
    }

    public NameAddress withTag(String tag) {
        return withParam("tag", Objects.requireNonNull(tag));
    }

    /** A copy with {@code name} set (null value for a flag). */
    public NameAddress withParam(String name, String value) {
        return new NameAddress(displayName, uri, params.with(name, value));
    }

    public NameAddress withoutParam(String name) {
        return new NameAddress(displayName, uri, params.without(name));
    }

    public NameAddress withDisplayName(String name) {
        return of(name, uri, params);
    }

    public NameAddress withUri(Uri newUri) {
        return new NameAddress(displayName, Objects.requireNonNull(newUri), params);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof NameAddress n && Objects.equals(n.displayName, displayName)
                && n.uri.equals(uri) && n.params.equals(params));
    }

    @Override
    public int hashCode() {
        return uri.hashCode() * 31 + params.hashCode();
    }

    @Override
    public String toString() {
        String u = uri.toString();
        StringBuilder sb = new StringBuilder(u.length() + 32);
        if (displayName != null) {
            sb.append('"');
            for (int i = 0; i < displayName.length(); i++) {
                char c = displayName.charAt(i);
                // quoted-pair covers the quote, the backslash and controls qdtext does not allow
                if (c == '"' || c == '\\' || (c < 0x20 && c != '\t') || c == 0x7F) {
                    sb.append('\\');
                }
                sb.append(c);
            }
            sb.append("\" <").append(u).append('>');
        } else if (needsAngleBrackets(u)) {
            sb.append('<').append(u).append('>');
        } else {
            sb.append(u);
        }
        return sb.append(params).toString();
    }

    /** RFC 3261 §20.10: ',', ';' and '?' in the URI force name-addr form. */
    private static boolean needsAngleBrackets(String u) {
        return u.indexOf(';') >= 0 || u.indexOf(',') >= 0 || u.indexOf('?') >= 0;
    }
}
