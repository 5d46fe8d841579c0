package org.tabphone.sdp.internal.parse;

/**
 * Character rules shared by the parser and the API's validating factories, so that anything the
 * parser accepts can be built again and anything built can be written and parsed back.
 *
 * <p>RFC 8866 §9: a line is {@code <type>=<value>} where the value may hold any octet but NUL, CR
 * and LF; fields inside a value are separated by single spaces (we also accept runs of spaces and
 * tabs when parsing).
 */
public final class SdpChars {
    private SdpChars() {
    }

    /** A field separator inside a line value: space or tab. */
    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** A character no SDP line may contain: NUL, CR or LF. */
    public static boolean isForbidden(char c) {
        return c == 0 || c == '\r' || c == '\n';
    }

    /** Whether {@code s} can be written as a line value (or part of one): no NUL, CR or LF. */
    public static boolean isText(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (isForbidden(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code s} with trailing spaces and tabs removed (the parser drops them, so a value keeps
     * round-tripping), or null for null.
     *
     * @throws IllegalArgumentException if it holds NUL, CR or LF
     */
    public static String text(String s) {
        if (s == null) {
            return null;
        }
        if (!isText(s)) {
            throw new IllegalArgumentException("Text must not contain NUL, CR or LF");
        }
        int e = s.length();
        while (e > 0 && isSpace(s.charAt(e - 1))) {
            e--;
        }
        return e == s.length() ? s : s.substring(0, e);
    }

    /** Whether {@code s} is one non-empty space-separated field: no space, tab, NUL, CR or LF. */
    public static boolean isField(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isSpace(c) || isForbidden(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} is a valid attribute name: a field without a colon. */
    public static boolean isAttributeName(String s) {
        return isField(s) && s.indexOf(':') < 0;
    }

    /**
     * Splits a line value into its space- or tab-separated fields (runs count as one separator;
     * leading and trailing separators are ignored).
     */
    public static String[] fields(String value) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>(8);
        int n = value.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(value.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(value.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(value.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    /**
     * Splits {@code value} at its first run of spaces/tabs: {@code [head, rest]} with the separator
     * dropped, or {@code [value]} when there is none. Leading separators are not skipped.
     */
    public static String[] splitFirst(String value) {
        int n = value.length();
        int i = 0;
        while (i < n && !isSpace(value.charAt(i))) {
            i++;
        }
        if (i == n) {
            return new String[] {value};
        }
        int j = i;
        while (j < n && isSpace(value.charAt(j))) {
            j++;
        }
        return new String[] {value.substring(0, i), value.substring(j)};
    }

    /**
     * An unsigned decimal that fits a long, or -1 when {@code s} is empty, larger than
     * {@link Long#MAX_VALUE} or not all ASCII digits.
     */
    public static long parseUnsigned(String s) {
        int n = s.length();
        if (n == 0 || n > 40) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            int d = c - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** {@link #parseUnsigned} limited to {@code max}: -1 when larger. */
    public static int parseUnsigned(String s, int max) {
        long v = parseUnsigned(s);
        return v < 0 || v > max ? -1 : (int) v;
    }

    /** A short printable-ASCII excerpt of {@code s} for error messages. */
    public static String excerpt(String s, int max) {
        int n = Math.min(s.length(), max);
        StringBuilder sb = new StringBuilder(n + 3);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        if (s.length() > max) {
            sb.append("...");
        }
        return sb.toString();
    }
}
