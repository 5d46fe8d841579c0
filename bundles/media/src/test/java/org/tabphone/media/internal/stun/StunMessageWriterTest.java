package org.tabphone.media.internal.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Re-encoding the RFC 5769 messages byte for byte, and writer round trips. */
class StunMessageWriterTest {
    static final byte[] TX_ID = TestVectors.hex("b7e7a701bc34d686fa87dfae");
    static final StunIntegrity KEY = StunIntegrity.shortTerm(StunMessageViewTest.PASSWORD);
    static final byte SPACE = 0x20; // RFC 5769 pads with spaces

    static void attribute(ByteBuf out, int start, int type, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        StunMessageWriter.writeAttribute(out, start, type, b, 0, b.length, SPACE);
    }

    static byte[] toArray(ByteBuf out) {
        byte[] b = ByteBufUtil.getBytes(out);
        out.release();
        return b;
    }

    @Test
    void rfc5769_2_1_sampleRequest_reencodesIdentically() {
        for (ByteBuf out : new ByteBuf[] {Unpooled.buffer(), Unpooled.directBuffer()}) {
            int start = StunMessageWriter.writeHeader(out, StunPacket.BINDING_REQUEST, TX_ID, 0);
            attribute(out, start, StunAttribute.SOFTWARE, "STUN test client");
            StunMessageWriter.writePriority(out, start, 0x6e0001ffL);
            StunMessageWriter.writeIceRole(out, start, false, 0x932ff9b151263b36L);
            attribute(out, start, StunAttribute.USERNAME, "evtj:h6vY");
            StunMessageWriter.writeMessageIntegrity(out, start, KEY);
            StunMessageWriter.writeFingerprint(out, start, new StunFingerprint());
            assertArrayEquals(StunMessageViewTest.vector("rfc5769-2.1-request.bin"), toArray(out));
        }
    }

    @Test
    void rfc5769_2_2_ipv4Response_reencodesIdentically() throws Exception {
        assertArrayEquals(StunMessageViewTest.vector("rfc5769-2.2-ipv4-response.bin"),
                response(InetAddress.getByName("192.0.2.1")));
    }

    @Test
    void rfc5769_2_3_ipv6Response_reencodesIdentically() throws Exception {
        assertArrayEquals(StunMessageViewTest.vector("rfc5769-2.3-ipv6-response.bin"),
                response(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677")));
    }

    private static byte[] response(InetAddress address) {
        ByteBuf out = Unpooled.directBuffer();
        int start = StunMessageWriter.writeHeader(out, StunPacket.BINDING_SUCCESS_RESPONSE, TX_ID, 0);
        attribute(out, start, StunAttribute.SOFTWARE, "test vector");
        StunMessageWriter.writeXorMappedAddress(out, start, address.getAddress(), 32853);
        StunMessageWriter.writeMessageIntegrity(out, start, KEY);
        StunMessageWriter.writeFingerprint(out, start, new StunFingerprint());
        return toArray(out);
    }

    @Test
    void rfc8445_7_2_2_bindingRequest_roundTrips() {
        ByteBuf out = Unpooled.buffer();
        byte[] tx = TestVectors.hex("000102030405060708090a0b");
        StunMessageWriter.writeBindingRequest(out, tx, "local:remote", 0x7e7fffffL, true, true,
                0x0123456789abcdefL, StunIntegrity.shortTerm("pwd-of-local"), new StunFingerprint());
        StunMessageView m = new StunMessageView();
        assertEquals(StunParseResult.OK, m.parse(out));
        assertTrue(m.isBindingRequest());
        assertTrue(m.transactionIdEquals(tx, 0));
        assertEquals("local:remote", m.username());
        assertEquals(0x7e7fffffL, m.priority());
        assertTrue(m.useCandidate());
        assertTrue(m.iceControlling());
        assertEquals(0x0123456789abcdefL, m.tieBreaker());
        assertTrue(StunIntegrity.shortTerm("pwd-of-local").verify(m));
        assertTrue(m.hasFingerprint());
        assertEquals(0, out.readableBytes() % 4);
    }

    @Test
    void rfc8489_14_2_xorMappedAddress_roundTripsHighPortsAndBothFamilies() throws Exception {
        for (String host : new String[] {"255.255.255.255", "10.0.0.1", "::1", "fe80::1:2:3:4"}) {
            for (int port : new int[] {1, 32853, 65535}) {
                ByteBuf out = Unpooled.buffer();
                int start = StunMessageWriter.writeHeader(out, StunPacket.BINDING_SUCCESS_RESPONSE, TX_ID, 0);
                StunMessageWriter.writeXorMappedAddress(out, start, InetAddress.getByName(host).getAddress(), port);
                StunMessageView m = new StunMessageView();
                assertEquals(StunParseResult.OK, m.parse(out));
                assertEquals(new InetSocketAddress(InetAddress.getByName(host), port), m.xorMappedAddress());
            }
        }
    }

    @Test
    void rfc8489_14_8_errorCode_roundTrips() {
        ByteBuf out = Unpooled.buffer();
        int start = StunMessageWriter.writeHeader(out, StunPacket.BINDING_ERROR_RESPONSE, TX_ID, 0);
        StunMessageWriter.writeErrorCode(out, start, 487, "Role Conflict");
        StunMessageView m = new StunMessageView();
        assertEquals(StunParseResult.OK, m.parse(out));
        assertEquals(487, m.errorCode());
        assertEquals("Role Conflict", m.errorReason());
    }
}
