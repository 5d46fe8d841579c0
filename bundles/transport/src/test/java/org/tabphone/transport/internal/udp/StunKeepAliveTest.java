package org.tabphone.transport.internal.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

import org.junit.jupiter.api.Test;

/** The RFC 5626 §4.4.2 STUN keep-alive answer on a SIP UDP port, checked against RFC 8489's layout. */
class StunKeepAliveTest {
    private static final byte[] TX = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");

    /** On a plain array (not from an allocator): nothing to release. */
    private static ByteBuf request(int type, byte[] attributes) {
        ByteBuf b = Unpooled.wrappedBuffer(new byte[20 + attributes.length]).clear();
        b.writeShort(type).writeShort(attributes.length).writeInt(0x2112A442).writeBytes(TX).writeBytes(attributes);
        return b;
    }

    @Test
    void rfc8489_aBindingRequestIsStunAndSipIsNot() {
        assertTrue(StunKeepAlive.isBindingRequest(request(0x0001, new byte[0])));
        assertTrue(StunKeepAlive.isStun(request(0x0011, new byte[0])), "an indication is STUN");
        assertFalse(StunKeepAlive.isBindingRequest(request(0x0011, new byte[0])), "but not a request to answer");
        assertFalse(StunKeepAlive.isStun(Unpooled.copiedBuffer("OPTIONS sip:a@b SIP/2.0\r\n\r\n", StandardCharsets.US_ASCII)));
        ByteBuf lying = request(0x0001, new byte[8]);
        lying.setShort(2, 12);
        assertFalse(StunKeepAlive.isStun(lying), "length must match the datagram");
        ByteBuf noCookie = request(0x0001, new byte[0]);
        noCookie.setInt(4, 0);
        assertFalse(StunKeepAlive.isStun(noCookie), "RFC 3489 requests (no magic cookie) are not answered");
    }

    @Test
    void rfc8489_14_2_theAnswerCarriesTheSenderXoredAndAValidFingerprint() throws Exception {
        InetSocketAddress sender = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        ByteBuf reply = StunKeepAlive.bindingSuccess(request(0x0001, new byte[0]), sender, UnpooledByteBufAllocator.DEFAULT);
        byte[] b = ByteBufUtil.getBytes(reply);
        assertEquals(0x0101, reply.getUnsignedShort(0));
        assertEquals(b.length - 20, reply.getUnsignedShort(2));
        assertArrayEquals(TX, java.util.Arrays.copyOfRange(b, 8, 20), "same transaction ID");
        // RFC 5769 §2.2's response with the same transaction ID, address and port
        assertEquals("002000080001a147e112a643", HexFormat.of().formatHex(b, 20, 32));
        assertEquals(0x8028, reply.getUnsignedShort(32));
        CRC32 crc = new CRC32();
        crc.update(b, 0, 32);
        assertEquals((int) crc.getValue() ^ 0x5354554E, reply.getInt(36));
        reply.release();
    }

    @Test
    void rfc8489_14_2_ipv6SendersAreXoredWithCookieAndTransactionId() throws Exception {
        InetSocketAddress sender = new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
        ByteBuf reply = StunKeepAlive.bindingSuccess(request(0x0001, new byte[0]), sender, UnpooledByteBufAllocator.DEFAULT);
        // RFC 5769 §2.3's response with the same transaction ID, address and port
        assertEquals("002000140002a147" + "0113a9faa5d3f179bc25f4b5bed2b9d9",
            HexFormat.of().formatHex(ByteBufUtil.getBytes(reply), 20, 44));
        reply.release();
    }
}
