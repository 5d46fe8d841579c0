package org.tabphone.media.internal.stun;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes STUN messages into a caller-provided {@link ByteBuf} (RFC 8489 §5, §14). Start with
 * {@code writeHeader}, which returns the message's start index; every attribute writer then appends
 * at the writer index and updates the header length, so the message is valid after each call.
 * {@link #writeMessageIntegrity} and {@link #writeFingerprint} must come last, in that order.
 *
 * <p>Stateless; nothing here allocates except {@code String} conversions in the convenience methods.
 * Padding is zero unless a method takes a padding byte (RFC 5769's vectors pad with 0x20).
 */
public final class StunMessageWriter {
    private StunMessageWriter() {
    }

    /** Writes a 20-byte header with transaction id {@code txId[off..off+12)}; returns its index. */
    public static int writeHeader(ByteBuf out, int messageType, byte[] txId, int off) {
        int start = out.writerIndex();
        out.writeShort(messageType);
        out.writeShort(0);
        out.writeInt(StunPacket.MAGIC_COOKIE);
        out.writeBytes(txId, off, StunPacket.TRANSACTION_ID_LENGTH);
        return start;
    }

    /** Writes a header copying the transaction id from a received message (for responses). */
    public static int writeHeader(ByteBuf out, int messageType, StunMessageView request) {
        int start = out.writerIndex();
        out.writeShort(messageType);
        out.writeShort(0);
        out.writeInt(StunPacket.MAGIC_COOKIE);
        out.writeBytes(request.buffer(), request.transactionIdIndex(), StunPacket.TRANSACTION_ID_LENGTH);
        return start;
    }

    /** Appends an attribute with {@code len} value bytes, padded with {@code pad}. */
    public static void writeAttribute(ByteBuf out, int start, int type, byte[] value, int off, int len,
            byte pad) {
        out.writeShort(type);
        out.writeShort(len);
        out.writeBytes(value, off, len);
        for (int i = len; (i & 3) != 0; i++) {
            out.writeByte(pad);
        }
        updateLength(out, start);
    }

    public static void writeUsername(ByteBuf out, int start, String username) {
        byte[] b = username.getBytes(StandardCharsets.UTF_8);
        writeAttribute(out, start, StunAttribute.USERNAME, b, 0, b.length, (byte) 0);
    }

    public static void writeSoftware(ByteBuf out, int start, String software) {
        byte[] b = software.getBytes(StandardCharsets.UTF_8);
        writeAttribute(out, start, StunAttribute.SOFTWARE, b, 0, b.length, (byte) 0);
    }

    /** PRIORITY (RFC 8445 §7.1.1), an unsigned 32-bit value. */
    public static void writePriority(ByteBuf out, int start, long priority) {
        out.writeShort(StunAttribute.PRIORITY);
        out.writeShort(4);
        out.writeInt((int) priority);
        updateLength(out, start);
    }

    public static void writeUseCandidate(ByteBuf out, int start) {
        out.writeShort(StunAttribute.USE_CANDIDATE);
        out.writeShort(0);
        updateLength(out, start);
    }

    /** ICE-CONTROLLING or ICE-CONTROLLED (RFC 8445 §7.1.3) with a 64-bit tie-breaker. */
    public static void writeIceRole(ByteBuf out, int start, boolean controlling, long tieBreaker) {
        out.writeShort(controlling ? StunAttribute.ICE_CONTROLLING : StunAttribute.ICE_CONTROLLED);
        out.writeShort(8);
        out.writeLong(tieBreaker);
        updateLength(out, start);
    }

    /**
     * XOR-MAPPED-ADDRESS (RFC 8489 §14.2) of a 4-byte (IPv4) or 16-byte (IPv6) address. The
     * transaction id is read back from the header already written at {@code start}.
     */
    public static void writeXorMappedAddress(ByteBuf out, int start, byte[] address, int port) {
        boolean v4 = address.length == 4;
        if (!v4 && address.length != 16) {
            throw new IllegalArgumentException("address must be 4 or 16 bytes");
        }
        out.writeShort(StunAttribute.XOR_MAPPED_ADDRESS);
        out.writeShort(4 + address.length);
        out.writeByte(0);
        out.writeByte(v4 ? StunAttribute.FAMILY_IPV4 : StunAttribute.FAMILY_IPV6);
        out.writeShort(port ^ (StunPacket.MAGIC_COOKIE >>> 16));
        for (int i = 0; i < address.length; i++) {
            out.writeByte(address[i] ^ out.getByte(start + 4 + i)); // cookie, then transaction id
        }
        updateLength(out, start);
    }

    /** ERROR-CODE (RFC 8489 §14.8): class and number from {@code code} (300..699), UTF-8 reason. */
    public static void writeErrorCode(ByteBuf out, int start, int code, String reason) {
        writeErrorCode(out, start, code, reason.getBytes(StandardCharsets.UTF_8));
    }

    /** ERROR-CODE with a pre-encoded UTF-8 reason phrase (allocation-free). */
    public static void writeErrorCode(ByteBuf out, int start, int code, byte[] reasonUtf8) {
        out.writeShort(StunAttribute.ERROR_CODE);
        out.writeShort(4 + reasonUtf8.length);
        out.writeShort(0);
        out.writeByte(code / 100);
        out.writeByte(code % 100);
        out.writeBytes(reasonUtf8);
        for (int i = reasonUtf8.length; (i & 3) != 0; i++) {
            out.writeByte(0);
        }
        updateLength(out, start);
    }

    /** UNKNOWN-ATTRIBUTES (RFC 8489 §14.9) listing the request's unknown comprehension-required types. */
    public static void writeUnknownAttributes(ByteBuf out, int start, StunMessageView request) {
        int count = Math.min(request.unknownAttributeCount(), StunMessageView.MAX_UNKNOWN_ATTRIBUTES);
        out.writeShort(StunAttribute.UNKNOWN_ATTRIBUTES);
        out.writeShort(2 * count);
        for (int i = 0; i < count; i++) {
            out.writeShort(request.unknownAttribute(i));
        }
        if ((count & 1) != 0) {
            out.writeShort(0);
        }
        updateLength(out, start);
    }

    /**
     * MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 over the message so far, with the header length
     * counting this attribute.
     */
    public static void writeMessageIntegrity(ByteBuf out, int start, StunIntegrity integrity) {
        int attr = out.writerIndex();
        out.writeShort(StunAttribute.MESSAGE_INTEGRITY);
        out.writeShort(StunAttribute.MESSAGE_INTEGRITY_LENGTH);
        out.writeZero(StunAttribute.MESSAGE_INTEGRITY_LENGTH);
        updateLength(out, start);
        integrity.writeValue(out, start, attr);
    }

    /** FINGERPRINT (RFC 8489 §14.7); must be the last attribute. */
    public static void writeFingerprint(ByteBuf out, int start, StunFingerprint fingerprint) {
        int attr = out.writerIndex();
        out.writeShort(StunAttribute.FINGERPRINT);
        out.writeShort(StunAttribute.FINGERPRINT_LENGTH);
        out.writeInt(0);
        updateLength(out, start);
        out.setInt(attr + StunAttribute.HEADER_LENGTH, fingerprint.compute(out, start, attr - start));
    }

    /**
     * A complete ICE connectivity-check Binding request (RFC 8445 §7.2.2): USERNAME
     * "remoteUfrag:localUfrag", PRIORITY, optional USE-CANDIDATE, ICE-CONTROLLING/CONTROLLED,
     * MESSAGE-INTEGRITY keyed with the remote password, FINGERPRINT. Returns the start index.
     */
    public static int writeBindingRequest(ByteBuf out, byte[] txId, String username, long priority,
            boolean useCandidate, boolean controlling, long tieBreaker, StunIntegrity remotePassword,
            StunFingerprint fingerprint) {
        int start = writeHeader(out, StunPacket.BINDING_REQUEST, txId, 0);
        writeUsername(out, start, username);
        writePriority(out, start, priority);
        if (useCandidate) {
            writeUseCandidate(out, start);
        }
        writeIceRole(out, start, controlling, tieBreaker);
        writeMessageIntegrity(out, start, remotePassword);
        writeFingerprint(out, start, fingerprint);
        return start;
    }

    private static void updateLength(ByteBuf out, int start) {
        out.setShort(start + 2, out.writerIndex() - start - StunPacket.HEADER_LENGTH);
    }
}
