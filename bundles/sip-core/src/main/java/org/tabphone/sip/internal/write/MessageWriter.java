package org.tabphone.sip.internal.write;

import org.tabphone.sip.internal.message.HeaderTable;
import org.tabphone.sip.internal.message.WireMessage;
import org.tabphone.sip.internal.parse.HeaderNameTable;

/**
 * Writes a message in wire form (RFC 3261 §7): start line, one {@code Name: value} line per header,
 * the empty line, the body; every line ends with CRLF.
 *
 * <ul>
 *   <li>Values are copied octet for octet from the buffer they were received in (or that a builder
 *       wrote them to); nothing is re-serialised.</li>
 *   <li>Known names are written in their canonical long form ({@code i:} becomes {@code Call-ID:},
 *       {@code TO :} becomes {@code To:}), so output is consistent whatever the peer sent.</li>
 *   <li>Exactly one {@code Content-Length}, equal to the body's octet count, is written where the first
 *       one was (or last if there was none), whatever the received header said (RFC 3261 §18.3, §20.14).</li>
 * </ul>
 */
public final class MessageWriter {
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private MessageWriter() {
    }

    public static int encodedLength(WireMessage m) {
        HeaderTable t = m.table();
        int n = startLineLength(m) + 2;
        for (int i = 0; i < t.size(); i++) {
            int id = t.id(i);
            if (id == HeaderNameTable.CONTENT_LENGTH) {
                continue;
            }
            int nameLen = id >= 0 ? HeaderNameTable.canonical(id).length : t.nameEnd(i) - t.nameStart(i);
            int valueLen = t.valueEnd(i) - t.valueStart(i);
            n += nameLen + 1 + (valueLen > 0 ? 1 + valueLen : 0) + 2;
        }
        n += CONTENT_LENGTH.length + digits(m.bodyLength()) + 2;
        return n + 2 + m.bodyLength();
    }

    /** Writes {@code m} at {@code dst[off]}; returns the octets written. */
    public static int write(WireMessage m, byte[] dst, int off) {
        java.util.Objects.checkFromIndexSize(off, encodedLength(m), dst.length);
        return writeUnchecked(m, dst, off);
    }

    /** The wire form in a new array of exactly its length. */
    public static byte[] toBytes(WireMessage m) {
        byte[] out = new byte[encodedLength(m)];
        writeUnchecked(m, out, 0);
        return out;
    }

    /**
     * Writes {@code m}; the caller has checked that {@link #encodedLength} octets fit. Received lines
     * that are already exactly what would be written (canonical name, ": ", CRLF; for Content-Length
     * the right value) are copied in runs, so an unchanged message from a well-behaved peer is written
     * with a single array copy.
     */
    private static int writeUnchecked(WireMessage m, byte[] dst, int off) {
        HeaderTable t = m.table();
        int p = off;
        // the pending run of verbatim octets: runBuf[runStart, runEnd)
        byte[] runBuf = null;
        int runStart = 0;
        int runEnd = 0;
        int raw = m.rawStartLineLength();
        if (raw > 0) {
            runBuf = t.receivedBuffer();
            runStart = m.rawStartLineOffset();
            runEnd = runStart + raw + 2; // the received start line and its CRLF
        } else {
            byte[] line = m.composedStartLine();
            System.arraycopy(line, 0, dst, p, line.length);
            p = crlf(dst, p + line.length);
        }
        boolean lengthWritten = false;
        for (int i = 0; i < t.size(); i++) {
            boolean isLength = t.id(i) == HeaderNameTable.CONTENT_LENGTH;
            if (isLength && lengthWritten) {
                continue;
            }
            byte[] b = t.buf(i);
            if (isVerbatim(t, i, b, isLength ? m.bodyLength() : -1)) {
                if (b != runBuf || t.nameStart(i) != runEnd) {
                    p = flush(runBuf, runStart, runEnd, dst, p);
                    runBuf = b;
                    runStart = t.nameStart(i);
                }
                runEnd = t.valueEnd(i) + 2;
            } else {
                p = flush(runBuf, runStart, runEnd, dst, p);
                runBuf = null;
                p = isLength ? writeContentLength(dst, p, m.bodyLength()) : writeHeader(t, i, b, dst, p);
            }
            lengthWritten |= isLength;
        }
        if (!lengthWritten) {
            p = flush(runBuf, runStart, runEnd, dst, p);
            runBuf = null;
            p = writeContentLength(dst, p, m.bodyLength());
        }
        if (runBuf != null && runBuf == m.bodyBuf() && m.bodyOff() == runEnd + 2 && runBuf[runEnd] == '\r'
                && runBuf[runEnd + 1] == '\n') {
            // the empty line and the body follow the run in the received octets
            return flush(runBuf, runStart, m.bodyOff() + m.bodyLength(), dst, p) - off;
        }
        p = crlf(dst, flush(runBuf, runStart, runEnd, dst, p));
        System.arraycopy(m.bodyBuf(), m.bodyOff(), dst, p, m.bodyLength());
        return p + m.bodyLength() - off;
    }

    private static int flush(byte[] runBuf, int runStart, int runEnd, byte[] dst, int p) {
        if (runBuf == null) {
            return p;
        }
        System.arraycopy(runBuf, runStart, dst, p, runEnd - runStart);
        return p + runEnd - runStart;
    }

    /** {@code Name: value CRLF} with the canonical name for known headers. */
    private static int writeHeader(HeaderTable t, int i, byte[] b, byte[] dst, int p) {
        int id = t.id(i);
        if (id >= 0) {
            byte[] name = HeaderNameTable.canonical(id);
            System.arraycopy(name, 0, dst, p, name.length);
            p += name.length;
        } else {
            int nameLen = t.nameEnd(i) - t.nameStart(i);
            System.arraycopy(b, t.nameStart(i), dst, p, nameLen);
            p += nameLen;
        }
        dst[p++] = ':';
        int valueLen = t.valueEnd(i) - t.valueStart(i);
        if (valueLen > 0) {
            dst[p++] = ' ';
            System.arraycopy(b, t.valueStart(i), dst, p, valueLen);
            p += valueLen;
        }
        return crlf(dst, p);
    }

    /**
     * Whether line i, as it stands in its buffer from name to CRLF, is exactly what
     * {@link #writeHeader} (or, when {@code contentLength >= 0}, {@link #writeContentLength}) writes.
     */
    private static boolean isVerbatim(HeaderTable t, int i, byte[] b, int contentLength) {
        int ns = t.nameStart(i);
        int ne = t.nameEnd(i);
        int vs = t.valueStart(i);
        int ve = t.valueEnd(i);
        int id = t.id(i);
        if (id >= 0 && !HeaderNameTable.isCanonical(b, ns, ne, id)) {
            return false;
        }
        boolean separator = ve > vs ? vs == ne + 2 && b[ne] == ':' && b[ne + 1] == ' ' : vs == ne + 1 && b[ne] == ':';
        if (!separator || ve + 1 >= b.length || b[ve] != '\r' || b[ve + 1] != '\n') {
            return false;
        }
        return contentLength < 0 || isDecimal(b, vs, ve, contentLength);
    }

    /** Whether {@code b[from, to)} is exactly the decimal form of {@code v} (no sign, no leading zeros). */
    private static boolean isDecimal(byte[] b, int from, int to, int v) {
        if (to - from != digits(v)) {
            return false;
        }
        for (int k = to - 1; k >= from; k--, v /= 10) {
            if (b[k] != '0' + v % 10) {
                return false;
            }
        }
        return true;
    }

    private static int startLineLength(WireMessage m) {
        int raw = m.rawStartLineLength();
        return raw > 0 ? raw : m.composedStartLine().length;
    }

    private static int writeContentLength(byte[] dst, int p, int length) {
        System.arraycopy(CONTENT_LENGTH, 0, dst, p, CONTENT_LENGTH.length);
        p += CONTENT_LENGTH.length;
        int d = digits(length);
        for (int k = p + d - 1, v = length; k >= p; k--, v /= 10) {
            dst[k] = (byte) ('0' + v % 10);
        }
        return crlf(dst, p + d);
    }

    private static int crlf(byte[] dst, int p) {
        dst[p] = '\r';
        dst[p + 1] = '\n';
        return p + 2;
    }

    private static int digits(int v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }
}
