package org.tabphone.media.internal.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** RFC 7983 §7 first-byte demultiplexing. */
class StunPacketTest {
    @Test
    void rfc7983_7_rangesAndBoundaries() {
        for (int b = 0; b < 256; b++) {
            StunPacket.Kind expected;
            if (b <= 3) {
                expected = StunPacket.Kind.STUN;
            } else if (b >= 16 && b <= 19) {
                expected = StunPacket.Kind.ZRTP;
            } else if (b >= 20 && b <= 63) {
                expected = StunPacket.Kind.DTLS;
            } else if (b >= 64 && b <= 79) {
                expected = StunPacket.Kind.TURN_CHANNEL;
            } else if (b >= 128 && b <= 191) {
                expected = StunPacket.Kind.RTP_RTCP;
            } else {
                expected = StunPacket.Kind.UNKNOWN;
            }
            assertEquals(expected, StunPacket.classify(b), "byte " + b);
            assertEquals(expected, StunPacket.classify((byte) b), "signed byte " + b);
            assertEquals(expected == StunPacket.Kind.STUN, StunPacket.isStun((byte) b));
            assertEquals(expected == StunPacket.Kind.DTLS, StunPacket.isDtls((byte) b));
            assertEquals(expected == StunPacket.Kind.RTP_RTCP, StunPacket.isRtpOrRtcp((byte) b));
        }
    }

    @Test
    void rfc7983_7_bufferHelpersLookAtTheFirstReadableByte() {
        assertFalse(StunPacket.isStun(Unpooled.EMPTY_BUFFER));
        assertTrue(StunPacket.isStun(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 0x01}).skipBytes(1)));
        assertFalse(StunPacket.isStun(new byte[] {0x16}, 0, 1)); // DTLS handshake record
        assertTrue(StunPacket.isStun(new byte[] {0x16, 0x00}, 1, 1));
        assertFalse(StunPacket.isStun(new byte[] {0x00}, 0, 0));
    }

    @Test
    void rfc8489_5_messageTypeClassAndMethod() {
        assertEquals(StunPacket.CLASS_REQUEST, StunPacket.messageClass(StunPacket.BINDING_REQUEST));
        assertEquals(StunPacket.CLASS_INDICATION, StunPacket.messageClass(StunPacket.BINDING_INDICATION));
        assertEquals(StunPacket.CLASS_SUCCESS_RESPONSE, StunPacket.messageClass(0x0101));
        assertEquals(StunPacket.CLASS_ERROR_RESPONSE, StunPacket.messageClass(0x0111));
        assertEquals(StunPacket.METHOD_BINDING, StunPacket.method(0x0111));
        assertEquals(0x003, StunPacket.method(0x0003)); // TURN Allocate
    }
}
