package org.tabphone.sip.internal.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.tabphone.sip.api.SipLimits;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.internal.message.HeaderTable;

/**
 * Splits a header section into lines (RFC 3261 §7.3, §7.3.1): {@code field-name HCOLON value CRLF},
 * where a line starting with whitespace continues the previous one (folding) and HCOLON allows
 * whitespace before the colon ({@code "Via  : ..."}). Names are looked up, values only located.
 *
 * <p>Line ends must be CRLF: a bare CR or LF is an error, which also keeps header injection out of
 * anything we write back.
 */
final class HeaderSectionParser {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private HeaderSectionParser() {
    }

    /**
     * Parses the lines from {@code pos} to the empty line into {@code out}.
     *
     * @return the index just after the empty line, i.e. where the body starts; {@code end} if the
     *         octets end right after a header line's CRLF (a datagram without the empty line, RFC 4475
     *         baddn: the header section is taken to end there)
     */
    static int parseHeaderSection(byte[] b, int pos, int end, SipLimits limits, HeaderTable.Entries out)
            throws SipParseException {
        final int sectionStart = pos;
        while (true) {
            if (pos >= end) {
                return end;
            }
            if (pos - sectionStart > limits.maxHeaderSectionBytes()) {
                throw new SipParseException("Header section too large");
            }
            byte c = b[pos];
            if (c == '\r') {
                if (pos + 1 < end && b[pos + 1] == '\n') {
                    return pos + 2;
                }
                throw new SipParseException("Bare CR in header section");
            }
            if (CharClass.isWsp(c)) {
                throw new SipParseException("First header line starts with whitespace");
            }
            final int nameStart = pos;
            int hash = 0;
            while (pos < end && CharClass.is(b[pos], CharClass.TOKEN)) {
                hash = HeaderNameTable.hashStep(hash, b[pos++]);
            }
            final int nameEnd = pos;
            if (nameEnd == nameStart) {
                throw new SipParseException("Bad header name");
            }
            while (pos < end && CharClass.isWsp(b[pos])) {
                pos++;
            }
            if (pos >= end || b[pos] != ':') {
                throw new SipParseException("Header line without ':'");
            }
            int valueStart = ++pos;
            int lineEnd;
            while (true) {
                int cr = findCr(b, pos, end);
                if (cr < 0) {
                    throw new SipParseException("Header line without CRLF");
                }
                if (cr + 1 >= end || b[cr + 1] != '\n') {
                    throw new SipParseException("Bare CR in header line");
                }
                pos = cr + 2;
                if (pos < end && CharClass.isWsp(b[pos])) {
                    continue; // folded: the value goes on on this line
                }
                lineEnd = cr;
                break;
            }
            int valueEnd = lineEnd;
            while (valueStart < valueEnd && CharClass.isLws(b[valueStart])) {
                valueStart++;
            }
            while (valueEnd > valueStart && CharClass.isLws(b[valueEnd - 1])) {
                valueEnd--;
            }
            if (out.count() >= limits.maxHeaderCount()) {
                throw new SipParseException("Too many header lines");
            }
            out.add(0, HeaderNameTable.lookup(b, nameStart, nameEnd, hash), nameStart, nameEnd, valueStart, valueEnd);
        }
    }

    /** Index of the next CR, or -1; a bare LF before it is an error. */
    static int findCr(byte[] b, int pos, int end) throws SipParseException {
        int i = pos;
        // Eight octets at a time while none of them is CR or LF (SWAR zero-byte test).
        for (; i + 8 <= end; i += 8) {
            long x = (long) LONGS.get(b, i);
            long cr = x ^ 0x0D0D0D0D0D0D0D0DL;
            long lf = x ^ 0x0A0A0A0A0A0A0A0AL;
            long zero = ((cr - 0x0101010101010101L) & ~cr) | ((lf - 0x0101010101010101L) & ~lf);
            if ((zero & 0x8080808080808080L) != 0) {
                break;
            }
        }
        for (; i < end; i++) {
            byte x = b[i];
            if (x == '\r') {
                return i;
            }
            if (x == '\n') {
                throw new SipParseException("Bare LF in header section");
            }
        }
        return -1;
    }
}
