package org.tabphone.transport.internal.stream;

import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import org.tabphone.sip.api.SipLimits;
import org.tabphone.sip.api.SipMessages;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.transport.internal.MalformedSip;

/**
 * Frames SIP on a byte stream by Content-Length (RFC 3261 §18.3). Emits a {@code SipMessage}
 * per message, {@link KeepAlivePing} for a double CRLF between messages (RFC 5626 §4.4.1) and
 * {@link MalformedSip} for bytes that are not SIP. A framing error is fatal: the stream can't be
 * resynchronised, so the decoder stops reading and the connection is closed after the 400.
 */
public final class SipStreamDecoder extends ByteToMessageDecoder {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final SipLimits limits;
    /** How many readable bytes were already searched for the end of the header section. */
    private int headerScanFrom;
    private boolean broken;

    public SipStreamDecoder(SipLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!broken && in.isReadable()) {
            if (skipCrlfs(in, out)) {
                continue;
            }
            if (!headerSectionComplete(in)) {
                if (in.readableBytes() > limits.maxHeaderSectionBytes()) {
                    fail(in, out, new SipParseException(513, "Message Too Large: header section over "
                        + limits.maxHeaderSectionBytes() + " bytes"));
                }
                return;
            }
            byte[] available = ByteBufUtil.getBytes(in);
            int length;
            try {
                length = SipMessages.frame(available, 0, available.length, limits);
            } catch (SipParseException e) {
                fail(in, out, e);
                return;
            }
            if (length < 0) {
                return; // the body is still on its way
            }
            in.skipBytes(length);
            headerScanFrom = 0;
            byte[] message = length == available.length ? available : Arrays.copyOf(available, length);
            try {
                out.add(SipMessages.parse(message, 0, message.length, limits));
            } catch (SipParseException e) {
                out.add(new MalformedSip(message, e, false));
            }
        }
        if (broken) {
            in.skipBytes(in.readableBytes());
        }
    }

    /**
     * True once the CRLFCRLF ending the header section has arrived. Remembers how far it looked,
     * so a header section arriving byte by byte is scanned once, not once per byte.
     */
    private boolean headerSectionComplete(ByteBuf in) {
        int start = in.readerIndex() + Math.max(0, headerScanFrom - 3);
        int end = in.writerIndex();
        for (int i = start; i + 3 < end; i++) {
            if (in.getByte(i) == CR && in.getByte(i + 1) == LF && in.getByte(i + 2) == CR && in.getByte(i + 3) == LF) {
                return true;
            }
        }
        headerScanFrom = in.readableBytes();
        return false;
    }

    /** Consumes CRLFs before a message; a CRLFCRLF is a keep-alive ping. Returns true if any were consumed. */
    private static boolean skipCrlfs(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int i = start;
        int end = in.writerIndex();
        while (i + 1 < end && in.getByte(i) == CR && in.getByte(i + 1) == LF) {
            i += 2;
        }
        if (i == start) {
            return false;
        }
        if (i - start >= 4) {
            out.add(KeepAlivePing.INSTANCE);
        }
        in.readerIndex(i);
        return true;
    }

    private void fail(ByteBuf in, List<Object> out, SipParseException e) {
        int keep = Math.min(in.readableBytes(), limits.maxHeaderSectionBytes());
        out.add(new MalformedSip(ByteBufUtil.getBytes(in, in.readerIndex(), keep), e, true));
        in.skipBytes(in.readableBytes());
        broken = true;
    }
}
