package org.tabphone.media.internal.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.tabphone.media.internal.stun.StunBindingResponder.Outcome;

/**
 * Feeds arbitrary octets, as a STUN datagram from the network, to {@link StunMessageView#parse} and
 * to {@link StunBindingResponder#onStunPacket}. Nothing may throw. A message that parses must answer
 * every accessor, and parse the same from a direct buffer as from a heap one. Whenever the responder
 * says it responded, what it appended to {@code out} must be exactly one STUN message that parses,
 * carries a valid FINGERPRINT, echoes the transaction id, has the type and ERROR-CODE its outcome
 * stands for, and, when it carries MESSAGE-INTEGRITY, one that verifies with the local password; when
 * it says it dropped the datagram, {@code out} must be untouched.
 *
 * <p>The responder runs with the RFC 5769 §2.1 credentials (ufrag {@code evtj}, password
 * {@code VOkJxbRl1RmTxUk/WvJxBt}), so the sample request in the seeds authenticates. Random mutations
 * cannot keep an HMAC-SHA1 valid, so each input is also sent a second time "fixed up" as a peer that
 * knows the password would send it: magic cookie and length field set, MESSAGE-INTEGRITY and
 * FINGERPRINT recomputed wherever the mutated attributes put them. That lets the fuzzer reach the
 * 420 / 400 / 487 / success answers with mutated attributes.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the seeds (RFC 5769's four sample messages) and any
 * regression inputs in {@code StunFuzzTestInputs/stunDatagram} as a unit test; the pom's
 * {@code bounded-fuzz} execution fuzzes it for 10 s and {@code bench/media-fuzz.sh} for longer.
 */
class StunFuzzTest {
    static final String LOCAL_UFRAG = "evtj";
    static final String LOCAL_PWD = "VOkJxbRl1RmTxUk/WvJxBt";
    static final InetSocketAddress SENDER_V4 = sender(new byte[] {(byte) 192, 0, 2, 1}, 32853);
    static final InetSocketAddress SENDER_V6 = sender(new byte[] {
        0x20, 0x01, 0x0d, (byte) 0xb8, 0x12, 0x34, 0x56, 0x78, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77}, 32853);
    /** Junk before a response already in {@code out}: responses are appended, not written at 0. */
    static final int OUT_PREFIX = 5;
    /** Where the datagram sits in its array, as in a pooled Netty buffer. */
    static final int IN_OFFSET = 7;

    static final StunBindingResponder RESPONDER = new StunBindingResponder(LOCAL_UFRAG, LOCAL_PWD);
    static final StunIntegrity INTEGRITY = StunIntegrity.shortTerm(LOCAL_PWD);
    static final StunFingerprint FINGERPRINT = new StunFingerprint();
    static final StunMessageView VIEW = new StunMessageView();
    static final StunMessageView RESPONSE = new StunMessageView();
    /** Reused for every input (allocated once, so PARANOID leak detection records one trace). */
    static final ByteBuf OUT = Unpooled.buffer(128);
    static final ByteBuf DIRECT = Unpooled.directBuffer(2 * StunPacket.MAX_MESSAGE_LENGTH);

    @FuzzTest(maxDuration = "10s")
    void stunDatagram(byte[] data) {
        StunParseResult parsed = parseEverywhere(data);
        respond(data, parsed, SENDER_V4, 0);

        byte[] fixed = data.clone();
        if (fixUp(fixed)) {
            StunParseResult again = parseEverywhere(fixed);
            respond(fixed, again, SENDER_V6, OUT_PREFIX);
        }
    }

    /** Parses the datagram from a heap buffer at an offset and from a direct buffer; same result. */
    private static StunParseResult parseEverywhere(byte[] data) {
        byte[] array = new byte[IN_OFFSET + data.length + 3];
        Arrays.fill(array, (byte) 0x5A);
        System.arraycopy(data, 0, array, IN_OFFSET, data.length);
        ByteBuf heap = Unpooled.wrappedBuffer(array, IN_OFFSET, data.length);
        StunParseResult result = VIEW.parse(heap);
        assertTrue(heap.readerIndex() == 0 && heap.readableBytes() == data.length, "parse moved the indexes");
        if (result == StunParseResult.OK) {
            readEverything(VIEW, data);
        }
        if (data.length <= DIRECT.capacity() - 1) {
            DIRECT.clear().writeByte(0x5A).writeBytes(data);
            StunParseResult direct = VIEW.parse(DIRECT, 1, data.length);
            assertEquals(result, direct, "heap and direct buffers parse alike");
            if (direct == StunParseResult.OK) {
                readEverything(VIEW, data);
            }
        }
        return result;
    }

    private static void readEverything(StunMessageView m, byte[] data) {
        assertEquals(data.length, m.length());
        assertTrue(data.length >= StunPacket.HEADER_LENGTH && data.length <= StunPacket.MAX_MESSAGE_LENGTH);
        assertEquals(((data[0] & 0xFF) << 8) | (data[1] & 0xFF), m.messageType());
        byte[] id = new byte[StunPacket.TRANSACTION_ID_LENGTH];
        m.copyTransactionId(id, 0);
        assertArrayEquals(Arrays.copyOfRange(data, 8, 20), id);
        assertTrue(m.transactionIdEquals(id, 0));
        m.isBindingRequest();
        m.isRequest();
        if (m.hasUsername()) {
            assertTrue(m.usernameLength() >= 0 && m.usernameLength() <= StunAttribute.MAX_USERNAME_LENGTH);
            m.username();
            String local = m.localUfrag();
            String remote = m.remoteUfrag();
            assertEquals(local == null, remote == null);
            m.usernameLocalPartEquals(LOCAL_UFRAG.getBytes());
        } else {
            assertEquals(null, m.username());
            assertEquals(null, m.localUfrag());
            assertFalse(m.usernameLocalPartEquals(LOCAL_UFRAG.getBytes()));
        }
        m.hasMessageIntegrity();
        m.messageIntegrityIndex();
        INTEGRITY.verify(m);
        m.hasFingerprint();
        long priority = m.priority();
        assertTrue(priority == StunMessageView.NO_PRIORITY || (priority >= 0 && priority <= 0xFFFFFFFFL));
        m.useCandidate();
        m.iceControlling();
        m.iceControlled();
        m.tieBreaker();
        int unknown = m.unknownAttributeCount();
        assertTrue(unknown >= 0);
        for (int i = 0; i < Math.min(unknown, StunMessageView.MAX_UNKNOWN_ATTRIBUTES); i++) {
            int type = m.unknownAttribute(i);
            assertTrue(StunAttribute.isComprehensionRequired(type), "unknown attribute 0x" + Integer.toHexString(type));
        }
        InetSocketAddress mapped = m.xorMappedAddress();
        assertEquals(m.hasXorMappedAddress(), mapped != null);
        int code = m.errorCode();
        assertTrue(code == -1 || (code >= 300 && code <= 699), "error code " + code);
        assertEquals(code == -1, m.errorReason() == null);
        m.software();
        m.realm();
        m.nonce();
    }

    private static void respond(byte[] data, StunParseResult parsed, InetSocketAddress sender, int prefix) {
        byte[] array = new byte[IN_OFFSET + data.length + 3];
        System.arraycopy(data, 0, array, IN_OFFSET, data.length);
        OUT.clear().writeZero(prefix);
        Outcome outcome = RESPONDER.onStunPacket(array, IN_OFFSET, data.length, sender, OUT);
        byte[] after = Arrays.copyOfRange(array, IN_OFFSET, IN_OFFSET + data.length);
        assertArrayEquals(data, after, "the request was modified");
        if (!outcome.responded()) {
            assertEquals(prefix, OUT.writerIndex(), outcome + " but something was written");
            return;
        }
        assertEquals(StunParseResult.OK, parsed, outcome + " to a datagram that does not parse");
        assertEquals(StunPacket.BINDING_REQUEST, ((data[0] & 0xFF) << 8) | (data[1] & 0xFF),
                outcome + " to something else than a Binding request");
        int length = OUT.writerIndex() - prefix;
        StunParseResult response = RESPONSE.parse(OUT, prefix, length);
        assertEquals(StunParseResult.OK, response, () -> outcome + " response does not parse: "
                + ByteBufUtil.hexDump(OUT, prefix, length));
        assertTrue(RESPONSE.hasFingerprint(), outcome + " response without FINGERPRINT");
        assertTrue(RESPONSE.transactionIdEquals(data, 8), "transaction id not echoed");
        if (RESPONSE.hasMessageIntegrity()) {
            assertTrue(INTEGRITY.verify(RESPONSE), outcome + " response with a bad MESSAGE-INTEGRITY");
        }
        switch (outcome) {
            case SUCCESS:
                assertEquals(StunPacket.BINDING_SUCCESS_RESPONSE, RESPONSE.messageType());
                assertEquals(sender, RESPONSE.xorMappedAddress());
                assertTrue(RESPONSE.hasMessageIntegrity());
                break;
            case BAD_REQUEST:
                assertError(StunBindingResponder.BAD_REQUEST);
                break;
            case UNAUTHORIZED:
                assertError(StunBindingResponder.UNAUTHORIZED);
                assertFalse(RESPONSE.hasMessageIntegrity(), "RFC 8489 §9.1.3: 401 is not signed");
                break;
            case UNKNOWN_ATTRIBUTE:
                assertError(StunBindingResponder.UNKNOWN_ATTRIBUTE);
                assertTrue(RESPONSE.hasMessageIntegrity());
                break;
            case ROLE_CONFLICT:
                assertError(StunBindingResponder.ROLE_CONFLICT);
                assertTrue(RESPONSE.hasMessageIntegrity());
                break;
            default:
                throw new AssertionError("responded() for " + outcome);
        }
    }

    private static void assertError(int code) {
        assertEquals(StunPacket.BINDING_ERROR_RESPONSE, RESPONSE.messageType());
        assertEquals(code, RESPONSE.errorCode());
    }

    /**
     * Makes {@code m} what a peer holding {@link #LOCAL_PWD} would send with these attributes: STUN
     * header bits, magic cookie and length field right, the first MESSAGE-INTEGRITY and the
     * FINGERPRINT (if the attribute walk reaches them) recomputed. False if the size cannot be a STUN
     * message; then {@code m} is unchanged.
     */
    static boolean fixUp(byte[] m) {
        int len = m.length;
        if (len < StunPacket.HEADER_LENGTH || len > StunPacket.MAX_MESSAGE_LENGTH || (len & 3) != 0) {
            return false;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(m);
        buf.setByte(0, m[0] & 0x3F);
        buf.setShort(2, len - StunPacket.HEADER_LENGTH);
        buf.setInt(4, StunPacket.MAGIC_COOKIE);
        int integrity = -1;
        int fingerprint = -1;
        int p = StunPacket.HEADER_LENGTH;
        while (p + StunAttribute.HEADER_LENGTH <= len) {
            int type = buf.getUnsignedShort(p);
            int valueLength = buf.getUnsignedShort(p + 2);
            int next = p + StunAttribute.HEADER_LENGTH + StunAttribute.padded(valueLength);
            if (next > len) {
                break;
            }
            if (type == StunAttribute.FINGERPRINT && valueLength == StunAttribute.FINGERPRINT_LENGTH) {
                fingerprint = p;
                break;
            }
            if (type == StunAttribute.MESSAGE_INTEGRITY && valueLength == StunAttribute.MESSAGE_INTEGRITY_LENGTH
                    && integrity < 0) {
                integrity = p;
            }
            p = next;
        }
        if (integrity >= 0) {
            INTEGRITY.writeValue(buf, 0, integrity);
        }
        if (fingerprint >= 0) {
            buf.setInt(fingerprint + StunAttribute.HEADER_LENGTH, FINGERPRINT.compute(buf, 0, fingerprint));
        }
        return true;
    }

    private static InetSocketAddress sender(byte[] address, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
