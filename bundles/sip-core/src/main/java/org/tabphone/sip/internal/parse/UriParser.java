package org.tabphone.sip.internal.parse;

import java.nio.charset.StandardCharsets;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.header.Parameters;
import org.tabphone.sip.api.uri.AbsoluteUri;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.sip.api.uri.TelUri;
import org.tabphone.sip.api.uri.Uri;

/**
 * URIs (RFC 3261 §19.1.1, §25.1 SIP-URI / SIPS-URI / absoluteURI; RFC 3966 tel). The caller gives
 * the exact extent of the URI: the Request-URI between its SPs, the inside of {@code <>}, or an
 * addr-spec up to its first ';', ',' or whitespace.
 *
 * <p>The userinfo is found the way the ABNF implies: it is the run of userinfo octets up to an '@';
 * so a user part may hold ';', '?' and ',' (RFC 4475 semiuri, intmeth) and a URI without '@' has no
 * user part even if its parameters contain userinfo octets.
 */
public final class UriParser {
    private UriParser() {
    }

    /** Parses a whole string as a URI (for the public API). */
    public static Uri parseUri(String s) throws SipParseException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return parseUri(b, 0, b.length, true);
    }

    /**
     * Parses {@code b[from, to)} as one URI of any scheme.
     *
     * @param build whether to make the object; when false the URI is only validated and null returned
     */
    public static Uri parseUri(byte[] b, int from, int to, boolean build) throws SipParseException {
        int p = from;
        while (p < to && CharClass.is(b[p], CharClass.SCHEME)) {
            p++;
        }
        if (p == from || p >= to || b[p] != ':' || !isAlpha(b[from])) {
            throw new SipParseException(from < to && b[from] == '<' ? "URI must not be in <> here" : "URI has no scheme");
        }
        int len = p - from;
        if (len == 3 && lowerIs(b, from, "sip")) {
            return parseSipUri(b, p + 1, to, false, build);
        }
        if (len == 4 && lowerIs(b, from, "sips")) {
            return parseSipUri(b, p + 1, to, true, build);
        }
        if (len == 3 && lowerIs(b, from, "tel")) {
            return parseTelUri(b, p + 1, to, build);
        }
        if (p + 1 >= to) {
            throw new SipParseException("URI is empty after its scheme");
        }
        for (int i = p + 1; i < to; i++) {
            if (!CharClass.is(b[i], CharClass.URIC)) {
                throw new SipParseException("Bad character in URI");
            }
        }
        return build ? AbsoluteUri.of(new String(b, from, to - from, StandardCharsets.ISO_8859_1)) : null;
    }

    /** SIP-URI = "sip:" [ userinfo ] hostport uri-parameters [ headers ]; {@code p} is after the colon. */
    static SipUri parseSipUri(byte[] b, int p, int to, boolean secure, boolean build) throws SipParseException {
        int userStart = -1;
        int userEnd = -1;
        int colon = -1;
        int q = p;
        // userinfo octets up to '@': the user part (before the first ':') needs nothing more, as
        // USERINFO minus ':' is exactly the user alphabet; the password alphabet is narrower.
        for (byte c; q < to && CharClass.is(c = b[q], CharClass.USERINFO); q++) {
            if (c == ':' && colon < 0) {
                colon = q;
            }
        }
        if (q < to && b[q] == '@') {
            userStart = p;
            userEnd = colon < 0 ? q : colon;
            if (userEnd == p) {
                throw new SipParseException("URI has an empty user part");
            }
            if (colon >= 0) {
                checkAll(b, colon + 1, q, CharClass.PASSWORD, "Bad character in URI password");
            }
            p = q + 1;
        } else {
            colon = -1;
        }
        int hostStart = p;
        if (p < to && b[p] == '[') {
            p = parseIpv6Reference(b, p, to);
        } else {
            while (p < to && CharClass.is(b[p], CharClass.HOST)) {
                p++;
            }
        }
        int hostEnd = p;
        if (hostEnd == hostStart) {
            throw new SipParseException("URI has no host");
        }
        int port = -1;
        if (p < to && b[p] == ':') {
            int portStart = ++p;
            while (p < to && CharClass.is(b[p], CharClass.DIGIT)) {
                p++;
            }
            port = parsePort(b, portStart, p);
        }
        Parameters.Builder params = null;
        if (p < to && b[p] == ';') {
            params = build ? Parameters.builder() : null;
            p = parseUriParameters(b, p, to, params);
        }
        Parameters.Builder headers = null;
        if (p < to && b[p] == '?') {
            headers = build ? Parameters.builder() : null;
            p = parseHeaders(b, p, to, headers);
        }
        if (p != to) {
            throw new SipParseException("Bad character in URI");
        }
        if (!build) {
            return null;
        }
        SipUri.Builder uri = SipUri.builder(ascii(b, hostStart, hostEnd)).secure(secure).port(port);
        if (userStart >= 0) {
            uri.user(ascii(b, userStart, userEnd)).password(colon < 0 ? null : ascii(b, colon + 1, q));
        }
        if (params != null) {
            uri.params(params.build());
        }
        if (headers != null) {
            uri.headers(headers.build());
        }
        return uri.build();
    }

    /**
     * uri-parameters = *( ";" uri-parameter ); {@code p} is at the first ';'. Returns where they end.
     * {@code out} may be null to validate only.
     */
    static int parseUriParameters(byte[] b, int p, int to, Parameters.Builder out) throws SipParseException {
        while (p < to && b[p] == ';') {
            int nameStart = ++p;
            while (p < to && CharClass.is(b[p], CharClass.PARAM)) {
                p++;
            }
            if (p == nameStart) {
                throw new SipParseException("Empty URI parameter");
            }
            int nameEnd = p;
            int valueStart = -1;
            if (p < to && b[p] == '=') {
                valueStart = ++p;
                while (p < to && CharClass.is(b[p], CharClass.PARAM)) {
                    p++;
                }
                if (p == valueStart) {
                    throw new SipParseException("Empty URI parameter value");
                }
            }
            if (out != null) {
                out.add(ParamsParser.name(b, nameStart, nameEnd), valueStart < 0 ? null : ascii(b, valueStart, p));
            }
        }
        return p;
    }

    /** headers = "?" header *( "&amp;" header ), header = hname "=" hvalue. */
    private static int parseHeaders(byte[] b, int p, int to, Parameters.Builder out) throws SipParseException {
        do {
            int nameStart = ++p;
            while (p < to && CharClass.is(b[p], CharClass.HNV)) {
                p++;
            }
            if (p == nameStart || p >= to || b[p] != '=') {
                throw new SipParseException("Bad URI header component");
            }
            int valueStart = ++p;
            while (p < to && CharClass.is(b[p], CharClass.HNV)) {
                p++;
            }
            if (out != null) {
                out.add(ascii(b, nameStart, valueStart - 1), ascii(b, valueStart, p));
            }
        } while (p < to && b[p] == '&');
        return p;
    }

    /** IPv6reference = "[" IPv6address "]"; checked for its alphabet and length only. */
    static int parseIpv6Reference(byte[] b, int p, int to) throws SipParseException {
        int start = p++;
        while (p < to && (CharClass.is(b[p], CharClass.HEXDIG) || b[p] == ':' || b[p] == '.')) {
            p++;
        }
        if (p >= to || b[p] != ']' || p - start < 3 || p - start > 46) {
            throw new SipParseException("Bad IPv6 reference");
        }
        return p + 1;
    }

    /** port = 1*DIGIT, at most 65535. */
    static int parsePort(byte[] b, int from, int to) throws SipParseException {
        if (from == to || to - from > 5) {
            throw new SipParseException("Bad port");
        }
        int port = 0;
        for (int i = from; i < to; i++) {
            port = port * 10 + b[i] - '0';
        }
        if (port > 65535) {
            throw new SipParseException("Port out of range");
        }
        return port;
    }

    /** telephone-subscriber of RFC 3966: the number, then parameters. */
    private static TelUri parseTelUri(byte[] b, int p, int to, boolean build) throws SipParseException {
        int numberStart = p;
        while (p < to && CharClass.is(b[p], CharClass.TEL)) {
            p++;
        }
        if (p == numberStart) {
            throw new SipParseException("tel URI has no number");
        }
        int numberEnd = p;
        Parameters.Builder params = build ? Parameters.builder() : null;
        p = parseUriParameters(b, p, to, params);
        if (p != to) {
            throw new SipParseException("Bad character in tel URI");
        }
        return build ? TelUri.of(ascii(b, numberStart, numberEnd), params.build()) : null;
    }

    private static void checkAll(byte[] b, int from, int to, int mask, String reason) throws SipParseException {
        for (int i = from; i < to; i++) {
            if (!CharClass.is(b[i], mask)) {
                throw new SipParseException(reason);
            }
        }
    }

    private static boolean isAlpha(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean lowerIs(byte[] b, int from, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            if (CharClass.lower(b[from + i]) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
