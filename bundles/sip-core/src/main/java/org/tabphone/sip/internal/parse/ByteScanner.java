package org.tabphone.sip.internal.parse;

import java.nio.charset.StandardCharsets;
import org.tabphone.sip.api.SipParseException;

/**
 * A cursor over the octets of one header value (or other element) with the lexical rules of RFC 3261
 * §25.1: LWS may be folded across lines, tokens are ASCII, quoted strings carry UTF-8 and quoted-pairs.
 *
 * <p>Header values handed to a scanner come from {@link HeaderSectionParser}, which has already
 * checked that CR and LF appear only as CRLF followed by whitespace (a fold); so here CR and LF count
 * as whitespace. Values from the public API are checked for CR/LF by {@link #ofApiValue(String)}.
 */
public final class ByteScanner {
    private byte[] b;
    private int pos;
    private int end;

    public ByteScanner(byte[] b, int pos, int end) {
        reset(b, pos, end);
    }

    /** A scanner over a value given through the API; CR and LF are refused so no fold can be smuggled in. */
    public static ByteScanner ofApiValue(String value) throws SipParseException {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new SipParseException("value contains CR/LF");
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return new ByteScanner(bytes, 0, bytes.length);
    }

    public ByteScanner reset(byte[] buf, int from, int to) {
        this.b = buf;
        this.pos = from;
        this.end = to;
        return this;
    }

    public byte[] buf() {
        return b;
    }

    public int pos() {
        return pos;
    }

    public void pos(int p) {
        pos = p;
    }

    public int end() {
        return end;
    }

    public boolean atEnd() {
        return pos >= end;
    }

    /** The octet at the cursor (0-255), or -1 at the end. */
    public int peek() {
        return pos < end ? b[pos] & 0xFF : -1;
    }

    /** The octet at {@code pos + ahead}, or -1. */
    public int peek(int ahead) {
        int p = pos + ahead;
        return p < end ? b[p] & 0xFF : -1;
    }

    public void advance() {
        pos++;
    }

    // The loops below work on locals, not fields, so the JIT keeps the cursor in a register.

    /** Skips SP, HTAB and folds; returns whether anything was skipped. */
    public boolean skipLws() {
        final byte[] a = b;
        final int e = end;
        final int start = pos;
        int p = start;
        while (p < e && CharClass.isLws(a[p])) {
            p++;
        }
        pos = p;
        return p > start;
    }

    /** Skips optional whitespace, then consumes {@code c} if it is next. */
    public boolean skipLwsAnd(char c) {
        skipLws();
        int p = pos;
        if (p < end && b[p] == c) {
            pos = p + 1;
            return true;
        }
        return false;
    }

    /** Consumes {@code c} or fails with "expected ...". */
    public void expect(char c, String what) throws SipParseException {
        if (pos >= end || b[pos] != c) {
            throw error("expected " + what);
        }
        pos++;
    }

    /** Advances over octets of the class; returns where the run started. */
    public int scan(int mask) {
        final byte[] a = b;
        final int e = end;
        final int start = pos;
        int p = start;
        while (p < e && CharClass.is(a[p], mask)) {
            p++;
        }
        pos = p;
        return start;
    }

    /** Consumes a token and returns it; fails with "&lt;what&gt; is missing" when there is none. */
    public String token(String what) throws SipParseException {
        int start = scan(CharClass.TOKEN);
        if (pos == start) {
            throw error(what + (pos < end ? " is not a token" : " is missing"));
        }
        return ascii(start, pos);
    }

    /** Octets as a string; for runs already checked to be ASCII. */
    public String ascii(int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Octets decoded as UTF-8 (malformed sequences become U+FFFD). */
    public String utf8(int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** Whether octets {@code [from, to)} equal the ASCII string {@code s} exactly. */
    public boolean regionEquals(int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Consumes a quoted-string (RFC 3261 §25.1) at the cursor and returns its content with
     * quoted-pairs resolved and folds turned into single spaces.
     */
    public String quotedString() throws SipParseException {
        int start = pos;
        int close = skipQuotedString();
        boolean plain = true;
        for (int i = start + 1; i < close; i++) {
            byte c = b[i];
            if (c == '\\' || c == '\r' || c == '\n') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return utf8(start + 1, close);
        }
        byte[] out = new byte[close - start];
        int n = 0;
        for (int i = start + 1; i < close; i++) {
            byte c = b[i];
            if (c == '\\') {
                out[n++] = b[++i];
            } else if (c == '\r' || c == '\n') {
                // a fold: CRLF plus its whitespace stands for one SP
                while (i + 1 < close && CharClass.isLws(b[i + 1])) {
                    i++;
                }
                if (n == 0 || out[n - 1] != ' ') {
                    out[n++] = ' ';
                }
            } else {
                out[n++] = c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Moves past a quoted-string at the cursor, checking qdtext and quoted-pair; returns the index of
     * the closing quote (the cursor is then after it).
     */
    public int skipQuotedString() throws SipParseException {
        if (pos >= end || b[pos] != '"') {
            throw error("expected quoted string");
        }
        for (int i = pos + 1; i < end; i++) {
            int c = b[i] & 0xFF;
            if (c == '"') {
                pos = i + 1;
                return i;
            }
            if (c == '\\') {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
                if (i + 1 >= end || b[i + 1] == '\r' || b[i + 1] == '\n' || b[i + 1] < 0) {
                    throw error("bad escape in quoted string");
                }
                i++;
            } else if (c < 0x20 && !CharClass.isLws(c) || c == 0x7F) {
                throw error("control character in quoted string");
            }
        }
        throw error("unterminated quoted string");
    }

    /**
     * Octets decoded as UTF-8 with each fold (whitespace, CRLF, whitespace) replaced by one space, as
     * RFC 3261 §7.3.1 makes them equivalent; no CR or LF is left.
     */
    public static String unfold(byte[] b, int from, int to) {
        int crlf = -1;
        for (int k = from; k < to && crlf < 0; k++) {
            if (b[k] == '\r' || b[k] == '\n') {
                crlf = k;
            }
        }
        if (crlf < 0) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[to - from];
        int n = 0;
        for (int k = from; k < to; k++) {
            byte c = b[k];
            if (c == '\r' || c == '\n') {
                while (n > 0 && CharClass.isWsp(out[n - 1])) {
                    n--;
                }
                while (k + 1 < to && CharClass.isLws(b[k + 1])) {
                    k++;
                }
                out[n++] = ' ';
            } else {
                out[n++] = c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** A 400 error with this reason. */
    public SipParseException error(String reason) {
        return new SipParseException(reason);
    }
}
