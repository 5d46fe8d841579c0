package org.tabphone.transport.internal.udp;

import java.net.InetSocketAddress;
import java.util.zip.CRC32;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * RFC 5626 §4.4.2 / §8.4: a SIP UDP port also answers STUN Binding requests, so a UA behind a NAT
 * can keep its flow's binding open and learn whether the mapping changed. Only the parts a
 * keep-alive needs: the request is recognised by its header (RFC 8489 §5–6: top two bits zero,
 * magic cookie, length matching the datagram) and answered with XOR-MAPPED-ADDRESS and
 * FINGERPRINT; no authentication (§8.4: keep-alive requests carry none).
 */
final class StunKeepAlive {
    static final int HEADER = 20;
    private static final int MAGIC_COOKIE = 0x2112A442;
    private static final int BINDING_REQUEST = 0x0001;
    private static final int BINDING_SUCCESS = 0x0101;
    private static final int XOR_MAPPED_ADDRESS = 0x0020;
    private static final int FINGERPRINT = 0x8028;
    private static final int FINGERPRINT_XOR = 0x5354554E;

    private StunKeepAlive() {
    }

    /** True when the datagram is a STUN message (RFC 7983 demultiplexing: SIP starts with a letter). */
    static boolean isStun(ByteBuf b) {
        int at = b.readerIndex();
        return b.readableBytes() >= HEADER
            && (b.getUnsignedByte(at) & 0xC0) == 0
            && b.getInt(at + 4) == MAGIC_COOKIE
            && b.getUnsignedShort(at + 2) == b.readableBytes() - HEADER
            && (b.getUnsignedShort(at + 2) & 3) == 0;
    }

    /** True when {@link #isStun} holds and it is a Binding request (not an indication or a response). */
    static boolean isBindingRequest(ByteBuf b) {
        return isStun(b) && b.getUnsignedShort(b.readerIndex()) == BINDING_REQUEST;
    }

    /** The Binding success response to {@code request}, telling the sender the address it came from. */
    static ByteBuf bindingSuccess(ByteBuf request, InetSocketAddress sender, ByteBufAllocator alloc) {
        byte[] address = sender.getAddress().getAddress();
        int xorAddressLength = 4 + address.length;
        int length = 4 + xorAddressLength + 8;
        ByteBuf out = alloc.buffer(HEADER + length);
        out.writeShort(BINDING_SUCCESS);
        out.writeShort(length);
        out.writeInt(MAGIC_COOKIE);
        out.writeBytes(request, request.readerIndex() + 8, 12); // the transaction ID
        out.writeShort(XOR_MAPPED_ADDRESS);
        out.writeShort(xorAddressLength);
        out.writeByte(0);
        out.writeByte(address.length == 4 ? 0x01 : 0x02);
        out.writeShort(sender.getPort() ^ (MAGIC_COOKIE >>> 16));
        for (int i = 0; i < address.length; i++) {
            out.writeByte(address[i] ^ out.getByte(4 + i)); // the cookie, then (IPv6) the transaction ID
        }
        out.writeShort(FINGERPRINT);
        out.writeShort(4);
        CRC32 crc = new CRC32();
        crc.update(out.nioBuffer(0, out.writerIndex() - 4));
        out.writeInt((int) crc.getValue() ^ FINGERPRINT_XOR);
        return out;
    }
}
