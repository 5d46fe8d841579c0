package org.tabphone.sip.internal.parse;

import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.header.CSeq;

/**
 * Single-value headers with a fixed syntax (RFC 3261 §20, §25.1): CSeq, Max-Forwards,
 * Content-Length, Expires (delta-seconds), Date (rfc1123-date in GMT) and Call-ID. Numbers are read
 * with an explicit bound so an overlong value is an error, never an overflow (RFC 4475 scalar02,
 * scalarlg, ncl). Leading zeros are fine (wsinv: {@code 0068}, {@code 0009}).
 */
final class ScalarParser {
    /** delta-seconds and Contact expires are at most 2^32 - 1 (RFC 3261 §20.19). */
    static final long MAX_DELTA_SECONDS = (1L << 32) - 1;

    private static final String[] WKDAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec"};

    private ScalarParser() {
    }

    /** CSeq = 1*DIGIT LWS Method. */
    static CSeq parseCSeq(ByteScanner s) throws SipParseException {
        s.skipLws();
        long number = parseNumber(s, CSeq.MAX_NUMBER, "sequence number");
        if (!s.skipLws()) {
            throw s.error("expected whitespace after sequence number");
        }
        int start = s.scan(CharClass.TOKEN);
        if (s.pos() == start) {
            throw s.error("method is not a token");
        }
        int end = s.pos();
        s.skipLws();
        if (!s.atEnd()) {
            throw s.error("unexpected character after method");
        }
        return new CSeq(number, StartLineParser.methodOf(s.buf(), start, end));
    }

    /** A whole value that is one number in [0, max]. */
    static long parseWholeNumber(ByteScanner s, long max, String what) throws SipParseException {
        s.skipLws();
        if (s.peek() == '-') {
            throw s.error("negative " + what);
        }
        long v = parseNumber(s, max, what);
        s.skipLws();
        if (!s.atEnd()) {
            throw s.error(what + " is not a number");
        }
        return v;
    }

    /** 1*DIGIT at the cursor, at most {@code max}. */
    static long parseNumber(ByteScanner s, long max, String what) throws SipParseException {
        int start = s.pos();
        long v = 0;
        while (CharClass.is(s.peek(), CharClass.DIGIT)) {
            v = v * 10 + s.peek() - '0';
            if (v > max) {
                throw s.error(what + " too large");
            }
            s.advance();
        }
        if (s.pos() == start) {
            throw s.error(what + " is not a number");
        }
        return v;
    }

    /** qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ). */
    static boolean isQValue(String v) {
        if (v == null || v.isEmpty() || v.length() > 5 || (v.charAt(0) != '0' && v.charAt(0) != '1')) {
            return false;
        }
        if (v.length() == 1) {
            return true;
        }
        if (v.charAt(1) != '.') {
            return false;
        }
        for (int i = 2; i < v.length(); i++) {
            char c = v.charAt(i);
            if (v.charAt(0) == '1' ? c != '0' : (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** Call-ID = word [ "@" word ]. */
    static String parseCallId(ByteScanner s) throws SipParseException {
        s.skipLws();
        int start = s.scan(CharClass.WORD);
        if (s.pos() == start) {
            throw s.error("empty value");
        }
        if (s.peek() == '@') {
            s.advance();
            int host = s.scan(CharClass.WORD);
            if (s.pos() == host) {
                throw s.error("empty word after '@'");
            }
        }
        int end = s.pos();
        s.skipLws();
        if (!s.atEnd()) {
            throw s.error("bad character");
        }
        return s.ascii(start, end);
    }

    /** rfc1123-date = wkday "," SP date1 SP time SP "GMT", e.g. {@code Sat, 13 Nov 2010 23:29:00 GMT}. */
    static void checkDate(ByteScanner s) throws SipParseException {
        s.skipLws();
        byte[] b = s.buf();
        int p = s.pos();
        int end = s.end();
        while (end > p && CharClass.isLws(b[end - 1])) {
            end--;
        }
        if (end - p != 29 || !oneOf(s, p, WKDAYS) || b[p + 3] != ',' || b[p + 4] != ' '
                || !digits(b, p + 5, 2) || b[p + 7] != ' ' || !oneOf(s, p + 8, MONTHS) || b[p + 11] != ' '
                || !digits(b, p + 12, 4) || b[p + 16] != ' ' || !digits(b, p + 17, 2) || b[p + 19] != ':'
                || !digits(b, p + 20, 2) || b[p + 22] != ':' || !digits(b, p + 23, 2) || b[p + 25] != ' ') {
            throw s.error("not an RFC 1123 date");
        }
        if (!s.regionEquals(p + 26, p + 29, "GMT")) {
            throw s.error("time zone must be GMT");
        }
    }

    private static boolean oneOf(ByteScanner s, int p, String[] names) {
        for (String n : names) {
            if (s.regionEquals(p, p + 3, n)) {
                return true;
            }
        }
        return false;
    }

    private static boolean digits(byte[] b, int p, int n) {
        for (int i = p; i < p + n; i++) {
            if (!CharClass.is(b[i], CharClass.DIGIT)) {
                return false;
            }
        }
        return true;
    }
}
