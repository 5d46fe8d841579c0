package org.tabphone.media.internal.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 5769 vectors and RFC 8489 malformed-message rules for {@link StunMessageView}. */
class StunMessageViewTest {
    static final String DIR = "vectors/stun/";
    static final Map<String, Object> JSON = TestVectors.json(DIR + "rfc5769.json");
    static final String PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";

    static byte[] vector(String name) {
        byte[] b = TestVectors.bytes(DIR + name);
        assertEquals(((Number) TestVectors.object(JSON, name).get("bytes")).intValue(), b.length, name);
        return b;
    }

    /** Heap and direct copies of the same bytes: both code paths (array / no array) must agree. */
    static ByteBuf[] buffers(byte[] b) {
        ByteBuf direct = Unpooled.directBuffer(b.length).writeBytes(b);
        return new ByteBuf[] {Unpooled.wrappedBuffer(b.clone()), direct};
    }

    @Test
    void rfc5769_2_1_sampleRequest_decodesAllAttributesAndVerifiesIntegrityAndFingerprint() {
        Map<String, Object> v = TestVectors.object(JSON, "rfc5769-2.1-request.bin");
        for (ByteBuf buf : buffers(vector("rfc5769-2.1-request.bin"))) {
            StunMessageView m = new StunMessageView();
            assertEquals(StunParseResult.OK, m.parse(buf));
            assertTrue(m.isBindingRequest());
            assertEquals(TestVectors.string(v, "transaction_id"), ByteBufUtil.hexDump(buf, 8, 12));
            assertEquals(TestVectors.string(v, "username"), m.username());
            assertEquals("evtj", m.localUfrag());
            assertEquals("h6vY", m.remoteUfrag());
            assertTrue(m.usernameLocalPartEquals("evtj".getBytes(StandardCharsets.US_ASCII)));
            assertFalse(m.usernameLocalPartEquals("evt".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(TestVectors.string(v, "software"), m.software());
            assertEquals(Long.decode(TestVectors.string(v, "priority")).longValue(), m.priority());
            assertTrue(m.iceControlled());
            assertFalse(m.iceControlling());
            assertFalse(m.useCandidate());
            assertEquals(Long.parseUnsignedLong(TestVectors.string(v, "ice_controlled_tiebreaker").substring(2), 16),
                    m.tieBreaker());
            assertTrue(m.hasMessageIntegrity());
            assertTrue(m.hasFingerprint());
            assertEquals(0, m.unknownAttributeCount());
            assertTrue(StunIntegrity.shortTerm(PASSWORD).verify(m));
            assertFalse(StunIntegrity.shortTerm(PASSWORD + "x").verify(m));
            buf.release();
        }
    }

    @Test
    void rfc5769_2_2_ipv4Response_decodesXorMappedAddress() {
        Map<String, Object> v = TestVectors.object(JSON, "rfc5769-2.2-ipv4-response.bin");
        for (ByteBuf buf : buffers(vector("rfc5769-2.2-ipv4-response.bin"))) {
            StunMessageView m = new StunMessageView();
            assertEquals(StunParseResult.OK, m.parse(buf));
            assertEquals(StunPacket.BINDING_SUCCESS_RESPONSE, m.messageType());
            assertEquals(TestVectors.string(v, "software"), m.software());
            assertEquals(new InetSocketAddress("192.0.2.1", 32853), m.xorMappedAddress());
            assertEquals(TestVectors.string(v, "xor_mapped_address"), "192.0.2.1:" + m.xorMappedAddress().getPort());
            assertTrue(StunIntegrity.shortTerm(PASSWORD).verify(m));
            assertFalse(StunIntegrity.shortTerm("wrong").verify(m));
            buf.release();
        }
    }

    @Test
    void rfc5769_2_3_ipv6Response_decodesXorMappedAddress() {
        for (ByteBuf buf : buffers(vector("rfc5769-2.3-ipv6-response.bin"))) {
            StunMessageView m = new StunMessageView();
            assertEquals(StunParseResult.OK, m.parse(buf));
            assertEquals(new InetSocketAddress("2001:db8:1234:5678:11:2233:4455:6677", 32853),
                    m.xorMappedAddress());
            assertTrue(StunIntegrity.shortTerm(PASSWORD).verify(m));
            buf.release();
        }
    }

    @Test
    void rfc5769_2_4_longTermRequest_parsesAndVerifiesWithMd5Key() throws Exception {
        Map<String, Object> v = TestVectors.object(JSON, "rfc5769-2.4-request-long-term-auth.bin");
        ByteBuf buf = Unpooled.wrappedBuffer(vector("rfc5769-2.4-request-long-term-auth.bin"));
        StunMessageView m = new StunMessageView();
        assertEquals(StunParseResult.OK, m.parse(buf));
        assertEquals(TestVectors.string(v, "username"), m.username());
        assertEquals(TestVectors.string(v, "realm"), m.realm());
        assertEquals(TestVectors.string(v, "nonce"), m.nonce());
        assertFalse(m.hasFingerprint());
        assertTrue(m.hasMessageIntegrity());
        byte[] key = MessageDigest.getInstance("MD5").digest(
                (m.username() + ":" + m.realm() + ":" + TestVectors.string(v, "password"))
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(TestVectors.string(v, "long_term_key_md5"), TestVectors.hex(key));
        assertTrue(new StunIntegrity(key).verify(m));
        assertFalse(StunIntegrity.shortTerm(TestVectors.string(v, "password")).verify(m));
    }

    @Test
    void rfc8489_14_7_alteredByte_failsFingerprint() {
        byte[] b = vector("rfc5769-2.1-request.bin");
        b[0x2D] ^= 0x01; // inside PRIORITY
        assertEquals(StunParseResult.BAD_FINGERPRINT, new StunMessageView().parse(Unpooled.wrappedBuffer(b)));
        b = vector("rfc5769-2.2-ipv4-response.bin");
        b[b.length - 1] ^= 0x01; // the fingerprint value itself
        assertEquals(StunParseResult.BAD_FINGERPRINT, new StunMessageView().parse(Unpooled.wrappedBuffer(b)));
    }

    @Test
    void rfc8489_14_5_alteredIntegrityWithRecomputedFingerprint_parsesButFailsIntegrity() {
        byte[] b = vector("rfc5769-2.1-request.bin");
        b[0x50] ^= 0x01; // first MESSAGE-INTEGRITY byte
        ByteBuf buf = Unpooled.wrappedBuffer(b);
        refreshFingerprint(buf);
        StunMessageView m = new StunMessageView();
        assertEquals(StunParseResult.OK, m.parse(buf));
        assertFalse(StunIntegrity.shortTerm(PASSWORD).verify(m));
    }

    /** Recomputes FINGERPRINT (the last 8 bytes) after a test altered the message. */
    static void refreshFingerprint(ByteBuf buf) {
        int attr = buf.writerIndex() - 8;
        buf.setInt(attr + 4, new StunFingerprint().compute(buf, 0, attr));
    }

    @Test
    void rfc8489_14_paddingIsIgnoredWhateverItsValue() {
        byte[] b = vector("rfc5769-2.1-request.bin");
        // USERNAME "evtj:h6vY" is padded with three 0x20. Padding is covered by MESSAGE-INTEGRITY,
        // so only the parse is checked here.
        b[0x49] = 0;
        b[0x4A] = 0;
        b[0x4B] = 0;
        ByteBuf buf = Unpooled.wrappedBuffer(b);
        refreshFingerprint(buf);
        StunMessageView m = new StunMessageView();
        assertEquals(StunParseResult.OK, m.parse(buf));
        assertEquals("evtj:h6vY", m.username());
    }

    @Test
    void rfc8489_5_notStun() {
        StunMessageView m = new StunMessageView();
        assertEquals(StunParseResult.NOT_STUN, m.parse(Unpooled.wrappedBuffer(new byte[19])));
        byte[] b = vector("rfc5769-2.1-request.bin");
        b[4] = 0; // magic cookie
        assertEquals(StunParseResult.NOT_STUN, m.parse(Unpooled.wrappedBuffer(b)));
        b = vector("rfc5769-2.1-request.bin");
        b[0] = (byte) 0x80; // RTP version bits
        assertEquals(StunParseResult.NOT_STUN, m.parse(Unpooled.wrappedBuffer(b)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x54, 0x5A, 0x5C, 0x64})
    void rfc8489_5_lengthFieldMustBeMultipleOf4AndMatchTheDatagram(int length) {
        byte[] b = vector("rfc5769-2.1-request.bin"); // real length 0x58
        b[2] = 0;
        b[3] = (byte) length;
        assertEquals(StunParseResult.MALFORMED_HEADER, new StunMessageView().parse(Unpooled.wrappedBuffer(b)));
    }

    @Test
    void rfc8489_14_attributeOverrunningTheMessage_isMalformed() {
        byte[] b = vector("rfc5769-2.1-request.bin");
        b[0x3F] = 0x0D; // USERNAME length 9 -> 13: padded value now runs into MESSAGE-INTEGRITY, still inside
        assertEquals(StunParseResult.MALFORMED_ATTRIBUTE,
                new StunMessageView().parse(Unpooled.wrappedBuffer(b)), "MI header misread as value");
        b = vector("rfc5769-2.1-request.bin");
        b[0x66] = 0x00;
        b[0x67] = 0x08; // FINGERPRINT value length 4 -> 8: overruns the end
        assertEquals(StunParseResult.MALFORMED_ATTRIBUTE, new StunMessageView().parse(Unpooled.wrappedBuffer(b)));
        b = vector("rfc5769-2.1-request.bin");
        b[0x16] = (byte) 0xFF; // SOFTWARE length 16 -> 0xFF10
        assertEquals(StunParseResult.MALFORMED_ATTRIBUTE, new StunMessageView().parse(Unpooled.wrappedBuffer(b)));
    }

    @Test
    void rfc8489_14_wrongFixedValueLengths_areMalformed() {
        ByteBuf out = Unpooled.buffer();
        int start = StunMessageWriter.writeHeader(out, StunPacket.BINDING_REQUEST, new byte[12], 0);
        StunMessageWriter.writeAttribute(out, start, StunAttribute.PRIORITY, new byte[8], 0, 8, (byte) 0);
        assertEquals(StunParseResult.MALFORMED_ATTRIBUTE, new StunMessageView().parse(out));
        out.clear();
        start = StunMessageWriter.writeHeader(out, StunPacket.BINDING_REQUEST, new byte[12], 0);
        StunMessageWriter.writeAttribute(out, start, StunAttribute.MESSAGE_INTEGRITY, new byte[16], 0, 16, (byte) 0);
        assertEquals(StunParseResult.MALFORMED_ATTRIBUTE, new StunMessageView().parse(out));
        out.clear();
        start = StunMessageWriter.writeHeader(out, StunPacket.BINDING_REQUEST, new byte[12], 0);
        StunMessageWriter.writeAttribute(out, start, StunAttribute.XOR_MAPPED_ADDRESS, new byte[] {0, 2, 0, 0, 1, 2, 3, 4},
                0, 8, (byte) 0); // IPv6 family with an IPv4-sized value
        assertEquals(StunParseResult.MALFORMED_ATTRIBUTE, new StunMessageView().parse(out));
    }

    @Test
    void rfc8489_14_7_attributeAfterFingerprint_isMalformed() {
        byte[] v = vector("rfc5769-2.2-ipv4-response.bin");
        ByteBuf buf = Unpooled.buffer().writeBytes(v);
        buf.writeInt(0x80220000); // empty SOFTWARE after FINGERPRINT
        buf.setShort(2, buf.readableBytes() - 20);
        assertEquals(StunParseResult.MALFORMED_ATTRIBUTE, new StunMessageView().parse(buf));
    }

    @Test
    void rfc8489_14_5_attributesAfterIntegrityAreIgnored() {
        StunIntegrity key = StunIntegrity.shortTerm("pw");
        ByteBuf out = Unpooled.buffer();
        int start = StunMessageWriter.writeHeader(out, StunPacket.BINDING_REQUEST, new byte[12], 0);
        StunMessageWriter.writeUsername(out, start, "a:b");
        StunMessageWriter.writeMessageIntegrity(out, start, key);
        StunMessageWriter.writePriority(out, start, 7);
        StunMessageWriter.writeAttribute(out, start, 0x0042, new byte[4], 0, 4, (byte) 0); // unknown, required
        StunMessageWriter.writeFingerprint(out, start, new StunFingerprint());
        StunMessageView m = new StunMessageView();
        assertEquals(StunParseResult.OK, m.parse(out));
        assertEquals(StunMessageView.NO_PRIORITY, m.priority());
        assertEquals(0, m.unknownAttributeCount());
        assertTrue(key.verify(m));
    }

    @Test
    void rfc8489_6_3_1_unknownComprehensionRequiredAttributesAreListed() {
        ByteBuf out = Unpooled.buffer();
        int start = StunMessageWriter.writeHeader(out, StunPacket.BINDING_REQUEST, new byte[12], 0);
        StunMessageWriter.writeAttribute(out, start, 0x0042, new byte[3], 0, 3, (byte) 0);
        StunMessageWriter.writeAttribute(out, start, 0xC001, new byte[3], 0, 3, (byte) 0); // optional: ignored
        StunMessageWriter.writeAttribute(out, start, 0x7FFF, new byte[0], 0, 0, (byte) 0);
        StunMessageView m = new StunMessageView();
        assertEquals(StunParseResult.OK, m.parse(out));
        assertEquals(2, m.unknownAttributeCount());
        assertEquals(0x0042, m.unknownAttribute(0));
        assertEquals(0x7FFF, m.unknownAttribute(1));
        assertNull(m.username());
        assertFalse(m.hasFingerprint());
    }

    @Test
    void neverThrows_onEveryTruncationAndRandomCorruptionOfTheVectors() {
        String[] names = {"rfc5769-2.1-request.bin", "rfc5769-2.2-ipv4-response.bin",
            "rfc5769-2.3-ipv6-response.bin", "rfc5769-2.4-request-long-term-auth.bin"};
        StunMessageView m = new StunMessageView();
        StunIntegrity key = StunIntegrity.shortTerm(PASSWORD);
        Random random = new Random(5769);
        int ok = 0;
        for (String name : names) {
            byte[] v = vector(name);
            for (int len = 0; len < v.length; len++) {
                ByteBuf buf = Unpooled.wrappedBuffer(v, 0, len);
                assertNotEquals(StunParseResult.OK, m.parse(buf), name + " truncated to " + len);
            }
            for (int round = 0; round < 20_000; round++) {
                byte[] b = v.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                ByteBuf buf = Unpooled.wrappedBuffer(b);
                if (m.parse(buf) == StunParseResult.OK) {
                    ok++;
                    key.verify(m);
                    m.username();
                    m.xorMappedAddress();
                    m.localUfrag();
                    m.remoteUfrag();
                }
            }
        }
        assertTrue(ok < 4 * 20_000, "some corruptions must be caught");
    }
}
