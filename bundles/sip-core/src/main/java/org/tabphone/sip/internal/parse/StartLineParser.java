package org.tabphone.sip.internal.parse;

import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.sip.api.uri.Uri;

/**
 * Request-Line and Status-Line (RFC 3261 §7.1, §7.2, §25.1).
 *
 * <p>Strict where the torture tests probe: elements are separated by exactly one SP (RFC 4475
 * lwsstart), nothing may follow the SIP-Version (trws), the Request-URI has no whitespace (lwsruri),
 * no {@code <>} (ltgtruri) and no headers component (escruri); a well-formed version other than
 * 2.0 is a 505 (badvers); a status code has three digits in 100-699 (bigcode).
 */
public final class StartLineParser {
    /** A validated Request-Line; the Request-URI is made from {@code [uriStart, uriEnd)} when first read. */
    public record RequestLine(SipMethod method, int uriStart, int uriEnd) {
    }

    private StartLineParser() {
    }

    /** Whether the octets at {@code pos} start a Status-Line ({@code SIP/}, case-insensitive). */
    public static boolean isStatusLine(byte[] b, int pos, int end) {
        return end - pos >= 4 && CharClass.lower(b[pos]) == 's' && CharClass.lower(b[pos + 1]) == 'i'
                && CharClass.lower(b[pos + 2]) == 'p' && b[pos + 3] == '/';
    }

    /** Parses {@code Method SP Request-URI SP SIP-Version} in {@code b[from, to)} (CRLF excluded). */
    public static RequestLine parseRequestLine(byte[] b, int from, int to) throws SipParseException {
        int sp1 = indexOf(b, from, to, (byte) ' ');
        if (sp1 < 0) {
            throw new SipParseException("Bad Request-Line: no Request-URI");
        }
        if (sp1 == from) {
            throw new SipParseException("Bad Request-Line: starts with whitespace");
        }
        for (int i = from; i < sp1; i++) {
            if (!CharClass.is(b[i], CharClass.TOKEN)) {
                throw new SipParseException("Bad Request-Line: method is not a token");
            }
        }
        int uriStart = sp1 + 1;
        if (uriStart < to && CharClass.isWsp(b[uriStart])) {
            throw new SipParseException("Bad Request-Line: more than one SP between elements");
        }
        int sp2 = indexOf(b, uriStart, to, (byte) ' ');
        if (sp2 < 0) {
            throw new SipParseException("Bad Request-Line: no SIP-Version");
        }
        int extra = sp2 + 1;
        while (extra < to && !CharClass.isWsp(b[extra])) {
            extra++;
        }
        if (extra < to) {
            throw new SipParseException(allWsp(b, extra, to)
                    ? "Bad Request-Line: whitespace after SIP-Version"
                    : "Bad Request-Line: whitespace inside the Request-URI");
        }
        parseVersion(b, sp2 + 1, to);
        SipMethod method = methodOf(b, from, sp1);
        Uri uri;
        try {
            // '?' may start a headers component, which a Request-URI must not have (RFC 4475 escruri);
            // it is also legal in a user part, so build the URI to tell (rare) and only validate otherwise.
            uri = UriParser.parseUri(b, uriStart, sp2, indexOf(b, uriStart, sp2, (byte) '?') >= 0);
        } catch (SipParseException e) {
            throw e.withContext("Bad Request-URI: ", false);
        }
        if (uri instanceof SipUri sip && !sip.headers().isEmpty()) {
            throw new SipParseException("Bad Request-URI: headers are not allowed");
        }
        return new RequestLine(method, uriStart, sp2);
    }

    /**
     * Parses {@code SIP-Version SP Status-Code SP Reason-Phrase}; returns the status code. The reason
     * phrase runs from {@code reasonStart(from)} to {@code to}.
     */
    public static int parseStatusLine(byte[] b, int from, int to) throws SipParseException {
        int sp = indexOf(b, from, to, (byte) ' ');
        if (sp < 0) {
            throw new SipParseException("Bad Status-Line: no status code");
        }
        parseVersion(b, from, sp);
        int codeEnd = sp + 1;
        while (codeEnd < to && CharClass.is(b[codeEnd], CharClass.DIGIT)) {
            codeEnd++;
        }
        if (codeEnd - sp - 1 != 3 || (codeEnd < to && b[codeEnd] != ' ')) {
            throw new SipParseException("Bad Status-Line: status code is not 3 digits");
        }
        int code = (b[sp + 1] - '0') * 100 + (b[sp + 2] - '0') * 10 + (b[sp + 3] - '0');
        if (code < 100 || code > 699) {
            throw new SipParseException("Bad Status-Line: status code out of range");
        }
        return code;
    }

    /** Where the reason phrase of a status line starting at {@code from} begins (may equal the line end). */
    public static int reasonStart(byte[] b, int from, int to) {
        int sp = indexOf(b, from, to, (byte) ' ');
        return Math.min(sp + 5, to);
    }

    /** SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; only 2.0 is supported (505 otherwise). */
    private static void parseVersion(byte[] b, int from, int to) throws SipParseException {
        if (!isStatusLine(b, from, to)) {
            throw new SipParseException("Bad SIP-Version");
        }
        int p = from + 4;
        int majorStart = p;
        long major = 0;
        while (p < to && CharClass.is(b[p], CharClass.DIGIT) && p - majorStart < 9) {
            major = major * 10 + b[p++] - '0';
        }
        if (p == majorStart || p >= to || b[p] != '.') {
            throw new SipParseException("Bad SIP-Version");
        }
        int minorStart = ++p;
        long minor = 0;
        while (p < to && CharClass.is(b[p], CharClass.DIGIT) && p - minorStart < 9) {
            minor = minor * 10 + b[p++] - '0';
        }
        if (p == minorStart || p != to) {
            throw new SipParseException("Bad SIP-Version");
        }
        if (major != 2 || minor != 0) {
            throw new SipParseException(505, "SIP version not supported");
        }
    }

    /** The method for a token, without allocating for the standard ones; case-sensitive (RFC 3261 §7.1). */
    public static SipMethod methodOf(byte[] b, int from, int to) {
        for (SipMethod m : SipMethod.standardMethods()) {
            String n = m.name();
            if (n.length() == to - from) {
                int i = 0;
                while (i < n.length() && b[from + i] == n.charAt(i)) {
                    i++;
                }
                if (i == n.length()) {
                    return m;
                }
            }
        }
        return SipMethod.of(new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private static boolean allWsp(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!CharClass.isWsp(b[i])) {
                return false;
            }
        }
        return from < to;
    }

    static int indexOf(byte[] b, int from, int to, byte x) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
