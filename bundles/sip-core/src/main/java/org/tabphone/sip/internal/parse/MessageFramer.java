package org.tabphone.sip.internal.parse;

import org.tabphone.sip.api.SipLimits;
import org.tabphone.sip.api.SipParseException;

/**
 * Finds message boundaries on a stream transport (RFC 3261 §18.3): the header section ends at the
 * first empty line, and the body is exactly Content-Length octets. Only what framing needs is
 * examined; the framed octets then go to {@link MessageParser}.
 *
 * <p>Stateless: each call rescans from {@code off}. Cost is bounded by the limits, which also bound
 * how much a peer can make the transport buffer.
 */
public final class MessageFramer {
    private MessageFramer() {
    }

    /** See {@code SipMessages.frame}. */
    public static int frame(byte[] b, int off, int len, SipLimits limits) throws SipParseException {
        int end = off + len;
        int p = off;
        while (p + 1 < end && b[p] == '\r' && b[p + 1] == '\n') {
            p += 2; // RFC 3261 §7.5
        }
        boolean response = StartLineParser.isStatusLine(b, p, end);
        try {
            if (p - off > limits.maxStartLineBytes()) {
                throw new SipParseException("Too many CRLFs before the start line");
            }
            return frameMessage(b, off, p, end, limits);
        } catch (SipParseException e) {
            throw response ? e.withContext("", true) : e;
        }
    }

    private static int frameMessage(byte[] b, int off, int p, int end, SipLimits limits) throws SipParseException {
        int lineEnd = indexOfCrlf(b, p, end);
        if (lineEnd < 0) {
            if (end - p > limits.maxStartLineBytes()) {
                throw new SipParseException("Start line too long");
            }
            return -1;
        }
        if (lineEnd - p > limits.maxStartLineBytes()) {
            throw new SipParseException("Start line too long");
        }
        final int sectionStart = lineEnd + 2;
        int q = sectionStart;
        int headerCount = 0;
        long contentLength = -1;
        while (true) {
            // q is at the start of a header line or of the empty line
            if (q + 1 < end && b[q] == '\r' && b[q + 1] == '\n') {
                long total = (long) q + 2 - off + Math.max(contentLength, 0);
                return total <= end - off ? (int) total : -1;
            }
            int crlf = indexOfCrlf(b, q, end);
            while (crlf >= 0 && crlf + 2 < end && CharClass.isWsp(b[crlf + 2])) {
                crlf = indexOfCrlf(b, crlf + 2, end); // folded line
            }
            if (crlf < 0 || crlf + 2 >= end) {
                // incomplete line, or a complete one whose possible fold we cannot see yet
                if (end - sectionStart > limits.maxHeaderSectionBytes()) {
                    throw new SipParseException("Header section too large");
                }
                return -1;
            }
            if (crlf - sectionStart > limits.maxHeaderSectionBytes()) {
                throw new SipParseException("Header section too large");
            }
            if (++headerCount > limits.maxHeaderCount()) {
                throw new SipParseException("Too many header lines");
            }
            int colon = contentLengthColon(b, q, crlf);
            if (colon >= 0) {
                long v = parseContentLength(b, colon + 1, crlf);
                if (v > limits.maxBodyBytes()) {
                    throw new SipParseException(413, "Body too large");
                }
                if (contentLength >= 0 && contentLength != v) {
                    throw new SipParseException("Conflicting Content-Length values");
                }
                contentLength = v;
            }
            q = crlf + 2;
        }
    }

    /** If the line {@code [q, lineEnd)} is a Content-Length (or {@code l}) header, the index of its colon. */
    private static int contentLengthColon(byte[] b, int q, int lineEnd) {
        int nameEnd = q;
        while (nameEnd < lineEnd && CharClass.is(b[nameEnd], CharClass.TOKEN)) {
            nameEnd++;
        }
        if (HeaderNameTable.lookup(b, q, nameEnd) != HeaderNameTable.CONTENT_LENGTH) {
            return -1;
        }
        int colon = nameEnd;
        while (colon < lineEnd && CharClass.isWsp(b[colon])) {
            colon++;
        }
        return colon < lineEnd && b[colon] == ':' ? colon : -1;
    }

    /** The Content-Length value in {@code [from, to)}: digits with optional whitespace and folds around. */
    private static long parseContentLength(byte[] b, int from, int to) throws SipParseException {
        ByteScanner s = new ByteScanner(b, from, to);
        try {
            return ScalarParser.parseWholeNumber(s, Integer.MAX_VALUE, "value");
        } catch (SipParseException e) {
            throw e.withContext("Bad Content-Length header: ", false);
        }
    }

    /** Index of the next CRLF at or after {@code from}, or -1. */
    private static int indexOfCrlf(byte[] b, int from, int end) {
        for (int i = from; i + 1 < end; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
