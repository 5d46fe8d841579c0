package org.tabphone.sip.internal.parse;

import java.nio.charset.StandardCharsets;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.header.Parameters;

/**
 * Header parameters: {@code *( SEMI generic-param )}, generic-param = token [ EQUAL gen-value ],
 * gen-value = token / host / quoted-string (RFC 3261 §25.1). SEMI and EQUAL allow whitespace and
 * folds around them (RFC 4475 wsinv). Quoted values keep their quotes.
 *
 * <p>Like every parser here it runs in two modes: {@code build == false} only validates (no
 * allocation; used when a message is parsed), {@code build == true} also makes the objects (used
 * when a header is first read).
 */
final class ParamsParser {
    /** Parameters whose value syntax RFC 3261 defines, checked per header kind. */
    enum Rule {
        /** Anything generic-param allows. */
        GENERIC,
        /** via-params (§20.42): branch has a value, ttl is 0-255, rport a port if given (RFC 3581). */
        VIA,
        /** contact-params (§20.10): expires is delta-seconds, q a qvalue (RFC 4475 scalar02). */
        CONTACT
    }

    /** Names common enough to share one String instead of allocating one per message. */
    private static final String[] COMMON_NAMES = {"tag", "branch", "rport", "received", "transport", "lr", "ob",
        "expires", "q", "maddr", "user", "ttl", "method", "reg-id", "+sip.instance", "+sip.ice", "gr", "refresher"};
    /** COMMON_NAMES indexed by length, so a lookup compares a handful of names at most. */
    private static final String[][] COMMON_BY_LENGTH = new String[16][];

    static {
        for (int len = 0; len < COMMON_BY_LENGTH.length; len++) {
            final int l = len;
            COMMON_BY_LENGTH[len] = java.util.Arrays.stream(COMMON_NAMES).filter(n -> n.length() == l)
                    .toArray(String[]::new);
        }
    }

    private ParamsParser() {
    }

    /**
     * Parses parameters from the cursor; stops before anything that is not {@code ;}, leaving
     * whitespace in front of it for the caller's list handling.
     *
     * @return the parameters, or null when not building
     */
    static Parameters parseGenericParams(ByteScanner s, boolean build, Rule rule) throws SipParseException {
        Parameters.Builder params = null;
        int mark = s.pos();
        while (s.skipLwsAnd(';')) {
            if (build && params == null) {
                params = Parameters.builder();
            }
            parseGenericParam(s, rule, params);
            mark = s.pos();
        }
        s.pos(mark);
        if (!build) {
            return null;
        }
        return params == null ? Parameters.empty() : params.build();
    }

    /**
     * generic-param = token [ EQUAL gen-value ]; the ';' before it is already consumed. Adds it to
     * {@code out}, or only validates it when {@code out} is null.
     */
    private static void parseGenericParam(ByteScanner s, Rule rule, Parameters.Builder out) throws SipParseException {
        s.skipLws();
        int c = s.peek();
        if (c < 0 || c == ';' || c == ',') {
            throw s.error("empty parameter");
        }
        int nameStart = s.scan(CharClass.TOKEN);
        int nameEnd = s.pos();
        if (nameEnd == nameStart) {
            throw s.error("parameter name is not a token");
        }
        int valueStart = -1;
        int valueEnd = -1;
        if (s.skipLwsAnd('=')) {
            s.skipLws();
            valueStart = s.pos();
            skipGenValue(s);
            valueEnd = s.pos();
        } else {
            s.pos(nameEnd);
        }
        check(s, rule, nameStart, nameEnd, valueStart, valueEnd);
        if (out != null) {
            out.add(name(s.buf(), nameStart, nameEnd), valueStart < 0 ? null : value(s, valueStart, valueEnd));
        }
    }

    /**
     * A gen-value as a String: tokens and hosts are ASCII; a quoted string may carry UTF-8 and may be
     * folded across lines, which becomes one space (a fuzzer finding: the fold used to reach Parameters).
     */
    private static String value(ByteScanner s, int from, int to) {
        return s.buf()[from] == '"' ? ByteScanner.unfold(s.buf(), from, to) : s.ascii(from, to);
    }

    /** gen-value = token / host / quoted-string. */
    private static void skipGenValue(ByteScanner s) throws SipParseException {
        int start = s.pos();
        int c = s.peek();
        if (c == '"') {
            s.skipQuotedString();
        } else if (c == '[') {
            s.pos(UriParser.parseIpv6Reference(s.buf(), start, s.end()));
        } else if (s.scan(CharClass.TOKEN) == s.pos()) {
            throw s.error(c < 0 || c == ';' || c == ',' ? "empty parameter value" : "parameter value is not a token");
        }
    }

    private static void check(ByteScanner s, Rule rule, int ns, int ne, int vs, int ve) throws SipParseException {
        byte[] b = s.buf();
        if (rule == Rule.VIA) {
            if (vs < 0 && nameIs(b, ns, ne, "branch")) {
                throw s.error("branch without value");
            }
            if (nameIs(b, ns, ne, "ttl") && !isNumberUpTo(b, vs, ve, 255)) {
                throw s.error("bad ttl");
            }
            if (vs >= 0 && nameIs(b, ns, ne, "rport") && !isNumberUpTo(b, vs, ve, 65535)) {
                throw s.error("bad rport");
            }
        } else if (rule == Rule.CONTACT) {
            if (nameIs(b, ns, ne, "expires") && !isNumberUpTo(b, vs, ve, ScalarParser.MAX_DELTA_SECONDS)) {
                throw s.error("bad expires parameter");
            }
            if (nameIs(b, ns, ne, "q") && (vs < 0 || !ScalarParser.isQValue(s.ascii(vs, ve)))) {
                throw s.error("bad q parameter");
            }
        }
    }

    /** A parameter name as a String, shared for the common ones. */
    static String name(byte[] b, int from, int to) {
        int len = to - from;
        if (len < COMMON_BY_LENGTH.length) {
            for (String n : COMMON_BY_LENGTH[len]) {
                if (n.charAt(0) == b[from] && regionIs(b, from, n)) {
                    return n;
                }
            }
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static boolean regionIs(byte[] b, int from, String s) {
        for (int i = 1; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Case-insensitive comparison of a token with a lower-case name. */
    private static boolean nameIs(byte[] b, int from, int to, String lower) {
        if (to - from != lower.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            if (CharClass.lower(b[from + i]) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[from, to)} is 1*DIGIT with a value of at most {@code max} (false for from < 0). */
    static boolean isNumberUpTo(byte[] b, int from, int to, long max) {
        if (from < 0 || from == to) {
            return false;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            if (!CharClass.is(b[i], CharClass.DIGIT)) {
                return false;
            }
            v = v * 10 + b[i] - '0';
            if (v > max) {
                return false;
            }
        }
        return true;
    }
}
