package org.tabphone.sip.api;

import java.util.Objects;
import org.tabphone.sip.internal.parse.MessageFramer;
import org.tabphone.sip.internal.parse.MessageParser;

/**
 * Entry points of the parser (RFC 3261 §7, §18.3). Stateless and thread-safe.
 *
 * <h2>Datagrams and WebSocket frames: {@link #parse}</h2>
 * One buffer holds one message (RFC 3261 §18.3, RFC 7118 §5). The body is Content-Length octets;
 * octets after it are ignored (RFC 4475 §3.1.1.8); a Content-Length larger than what is there is an
 * error; without a Content-Length the body is the rest of the buffer.
 *
 * <p>The message is a view over {@code buf}: nothing is copied, header values are turned into
 * strings only when read, and writing copies unchanged values straight from {@code buf}. So the caller
 * hands the octets over and must not change {@code buf[off, off+len)} afterwards; transports pass the
 * array they have just read the datagram or frame into.
 *
 * <h2>Streams: {@link #frame}</h2>
 * Finds where the first message in a TCP/TLS buffer ends, so the transport can hand exactly those
 * octets to {@link #parse}.
 *
 * <h2>Leading CRLFs</h2>
 * RFC 3261 §7.5 says CRLFs before a start line are ignored; both methods skip them (frame() counts
 * them in the length it returns, so the transport consumes them with the message). RFC 5626 §4.4.1
 * keep-alives ({@code CRLFCRLF} ping, {@code CRLF} pong) are the transport's business: it must take
 * them off the stream before calling {@link #frame}, which cannot tell a ping from the start of a
 * message and returns -1 for a buffer holding only CRLFs.
 */
public final class SipMessages {
    private SipMessages() {
    }

    /** {@link #parse(byte[], int, int, SipLimits)} with {@link SipLimits#DEFAULT}. */
    public static SipMessage parse(byte[] buf, int off, int len) throws SipParseException {
        return parse(buf, off, len, SipLimits.DEFAULT);
    }

    /**
     * Parses one message from a datagram or WebSocket frame, as a view over {@code buf} (see above:
     * the octets must not change afterwards).
     *
     * @throws SipParseException if the octets are not a valid message; its status says how to answer
     * @throws IndexOutOfBoundsException if {@code off}/{@code len} are outside {@code buf}
     */
    public static SipMessage parse(byte[] buf, int off, int len, SipLimits limits) throws SipParseException {
        Objects.checkFromIndexSize(off, len, buf.length);
        return MessageParser.parse(buf, off, len, Objects.requireNonNull(limits));
    }

    /**
     * The length of the first complete message in {@code buf[off, off+len)}, leading CRLFs included,
     * or -1 if more octets are needed. Only the start line's length, the header section's end and
     * Content-Length are examined; parse the framed octets to validate the rest. A message without
     * Content-Length is taken to have no body (RFC 3261 §18.3 makes it mandatory on streams).
     *
     * @throws SipParseException if the stream cannot be framed: a negative, overflowing, malformed or
     *                           conflicting Content-Length, or a start line, header section or body
     *                           over {@code limits}. The connection must then be closed.
     */
    public static int frame(byte[] buf, int off, int len, SipLimits limits) throws SipParseException {
        Objects.checkFromIndexSize(off, len, buf.length);
        return MessageFramer.frame(buf, off, len, Objects.requireNonNull(limits));
    }
}
