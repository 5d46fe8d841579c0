package org.tabphone.sip.internal.parse;

import org.tabphone.sip.api.SipLimits;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.internal.message.HeaderTable;
import org.tabphone.sip.internal.message.WireRequest;
import org.tabphone.sip.internal.message.WireResponse;

/**
 * Parses one message from a datagram or WebSocket frame (RFC 3261 §7, §18.3): start line, header
 * section, body framed by Content-Length, then the eager headers. Order matters for the answer: the
 * start line is checked first, so an unsupported version is a 505 whatever else is wrong.
 */
public final class MessageParser {
    private MessageParser() {
    }

    public static SipMessage parse(byte[] buf, int off, int len, SipLimits limits) throws SipParseException {
        int end = off + len;
        int p = off;
        while (p + 1 < end && buf[p] == '\r' && buf[p + 1] == '\n') {
            p += 2; // RFC 3261 §7.5: CRLFs before the start line are ignored
        }
        boolean response = StartLineParser.isStatusLine(buf, p, end);
        try {
            return parseMessage(buf, p, end, limits, response);
        } catch (SipParseException e) {
            throw response ? e.withContext("", true) : e;
        }
    }

    private static SipMessage parseMessage(byte[] buf, int p, int end, SipLimits limits, boolean response)
            throws SipParseException {
        if (p >= end) {
            throw new SipParseException("Empty message");
        }
        int lineEnd = startLineEnd(buf, p, end, limits.maxStartLineBytes());
        int code = 0;
        StartLineParser.RequestLine requestLine = null;
        if (response) {
            code = StartLineParser.parseStatusLine(buf, p, lineEnd);
        } else {
            requestLine = StartLineParser.parseRequestLine(buf, p, lineEnd);
        }
        HeaderTable.Entries entries = new HeaderTable.Entries(16);
        int bodyStart = HeaderSectionParser.parseHeaderSection(buf, lineEnd + 2, end, limits, entries);
        int contentLength = contentLength(buf, entries);
        int available = end - bodyStart;
        if (contentLength > available) {
            throw new SipParseException("Content-Length larger than the message");
        }
        int bodyLength = contentLength < 0 ? available : contentLength;
        if (bodyLength > limits.maxBodyBytes()) {
            throw new SipParseException(413, "Body too large");
        }
        // No copy: the message is a view over the caller's octets (see SipMessages.parse).
        HeaderTable table = HeaderTable.of(buf, entries);
        CoreHeaders core = CoreHeadersParser.parse(table);
        int lineLength = lineEnd - p;
        if (response) {
            return new WireResponse(table, core, buf, bodyStart, bodyLength, code,
                    StartLineParser.reasonStart(buf, p, lineEnd), p, lineLength);
        }
        checkCSeqMethod(requestLine.method(), core);
        return new WireRequest(table, core, buf, bodyStart, bodyLength, requestLine.method(),
                requestLine.uriStart(), requestLine.uriEnd(), p, lineLength);
    }

    /** Index of the CR ending the start line. */
    private static int startLineEnd(byte[] buf, int p, int end, int max) throws SipParseException {
        int limit = end - p > max ? p + max : end;
        for (int i = p; i < limit; i++) {
            byte x = buf[i];
            if (x == '\r') {
                if (i + 1 < end && buf[i + 1] == '\n') {
                    return i;
                }
                throw new SipParseException("Bare CR in start line");
            }
            if (x == '\n') {
                throw new SipParseException("Bare LF in start line");
            }
        }
        throw new SipParseException(limit < end ? "Start line too long" : "Start line without CRLF");
    }

    /** The first Content-Length value, -1 if none; every one must be a valid number. */
    private static int contentLength(byte[] buf, HeaderTable.Entries entries) throws SipParseException {
        int result = -1;
        ByteScanner s = null;
        for (int i = 0; i < entries.count(); i++) {
            if (entries.id(i) != HeaderNameTable.CONTENT_LENGTH) {
                continue;
            }
            s = s == null ? new ByteScanner(buf, 0, 0) : s;
            s.reset(buf, entries.valueStart(i), entries.valueEnd(i));
            try {
                int v = (int) ScalarParser.parseWholeNumber(s, Integer.MAX_VALUE, "value");
                result = result < 0 ? v : result;
            } catch (SipParseException e) {
                throw e.withContext("Bad Content-Length header: ", false);
            }
        }
        return result;
    }

    /** RFC 3261 §8.1.1.5: the CSeq method matches the request method (RFC 4475 mismatch01/02). */
    private static void checkCSeqMethod(SipMethod method, CoreHeaders core) throws SipParseException {
        if (core.cseq() != null && !core.cseq().method().equals(method)) {
            // An unknown method is answered 501 before its CSeq is looked at (RFC 4475 §3.1.2.18).
            throw method.isStandard()
                    ? new SipParseException("CSeq method does not match the request method")
                    : new SipParseException(501, "Unknown method with a mismatched CSeq method");
        }
    }
}
