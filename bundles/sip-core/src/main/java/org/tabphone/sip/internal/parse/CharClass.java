package org.tabphone.sip.internal.parse;

/**
 * Character classes of the RFC 3261 §25.1 ABNF as bit masks over US-ASCII. Octets of 0x80 and
 * above belong to no class: they are only legal inside UTF-8 text (quoted strings, reason phrases,
 * free-text header values), which the parsers accept without consulting this table.
 */
public final class CharClass {
    /** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"). */
    public static final int TOKEN = 1;
    /** word chars of Call-ID (token plus ( ) < > : \ " / [ ] ? { }). */
    public static final int WORD = 1 << 1;
    /** unreserved = alphanum / mark. */
    public static final int UNRESERVED = 1 << 2;
    /** user = 1*( unreserved / escaped / user-unreserved ). */
    public static final int USER = 1 << 3;
    /** password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," ). */
    public static final int PASSWORD = 1 << 4;
    /** Octets that may appear in userinfo (user, password and the ':' between them). */
    public static final int USERINFO = 1 << 5;
    /** paramchar of uri-parameter names and values. */
    public static final int PARAM = 1 << 6;
    /** hnv-unreserved / unreserved / escaped of URI headers. */
    public static final int HNV = 1 << 7;
    /** hostname octets; '_' is tolerated because real deployments use it. */
    public static final int HOST = 1 << 8;
    /** scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). */
    public static final int SCHEME = 1 << 9;
    public static final int DIGIT = 1 << 10;
    /** Octets of an absolute URI other than SIP/SIPS (RFC 2396 uric plus '[', ']', '#'). */
    public static final int URIC = 1 << 11;
    /** Octets of a tel URI number: digits, hex digits, '*', '#', '+' and visual separators. */
    public static final int TEL = 1 << 12;
    public static final int HEXDIG = 1 << 13;

    /** Indexed by octet value 0-255; octets 0x80-0xFF belong to no class. */
    private static final int[] CLASSES = new int[256];

    static {
        for (int c = 0; c < 128; c++) {
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean digit = c >= '0' && c <= '9';
            boolean alnum = alpha || digit;
            int m = 0;
            if (alnum || in(c, "-.!%*_+`'~")) {
                m |= TOKEN;
            }
            if ((m & TOKEN) != 0 || in(c, "()<>:\\\"/[]?{}")) {
                m |= WORD;
            }
            boolean unreserved = alnum || in(c, "-_.!~*'()");
            if (unreserved) {
                m |= UNRESERVED;
            }
            if (unreserved || in(c, "%&=+$,;?/")) {
                m |= USER | USERINFO;
            }
            if (unreserved || in(c, "%&=+$,")) {
                m |= PASSWORD | USERINFO;
            }
            if (c == ':') {
                m |= USERINFO;
            }
            if (unreserved || in(c, "%[]/:&+$")) {
                m |= PARAM;
            }
            if (unreserved || in(c, "%[]/?:+$")) {
                m |= HNV;
            }
            if (alnum || in(c, "-._")) {
                m |= HOST;
            }
            if (alnum || in(c, "+-.")) {
                m |= SCHEME;
            }
            if (digit) {
                m |= DIGIT;
            }
            if (c > 0x20 && c < 0x7F && !in(c, "<>\"{}|\\^`")) {
                m |= URIC;
            }
            if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || in(c, "*#+-.()")) {
                m |= TEL;
            }
            if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                m |= HEXDIG;
            }
            CLASSES[c] = m;
        }
    }

    private CharClass() {
    }

    private static boolean in(int c, String chars) {
        return chars.indexOf(c) >= 0;
    }

    /** Whether octet {@code b} is in class {@code mask} (one of the constants above). */
    public static boolean is(byte b, int mask) {
        return (CLASSES[b & 0xFF] & mask) != 0;
    }

    /** Whether a char, or an octet value 0-255 (-1 for "none"), is in class {@code mask}. */
    public static boolean is(int c, int mask) {
        return c >= 0 && c < 256 && (CLASSES[c] & mask) != 0;
    }

    /** Whether {@code s} is a non-empty token. */
    public static boolean isToken(CharSequence s) {
        return all(s, TOKEN) && s.length() > 0;
    }

    /** Whether every char of {@code s} is in {@code mask} (true for the empty string). */
    public static boolean all(CharSequence s, int mask) {
        for (int i = 0; i < s.length(); i++) {
            if (!is(s.charAt(i), mask)) {
                return false;
            }
        }
        return true;
    }

    private static final long LWS_BITS = 1L << ' ' | 1L << '\t' | 1L << '\r' | 1L << '\n';

    /** SP or HTAB. */
    public static boolean isWsp(int b) {
        return b == ' ' || b == '\t';
    }

    /**
     * SP, HTAB, CR or LF: inside a validated header value CR/LF only occur as line folding. One compare
     * rejects the common case (any octet above SP).
     */
    public static boolean isLws(int b) {
        int c = b & 0xFF;
        return c <= ' ' && ((LWS_BITS >>> c) & 1) != 0;
    }

    /** ASCII lower case of one octet, other octets unchanged. */
    public static int lower(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    /** Value of a hex digit, or -1. */
    public static int hexValue(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
