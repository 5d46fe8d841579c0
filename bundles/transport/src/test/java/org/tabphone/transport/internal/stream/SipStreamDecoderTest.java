package org.tabphone.transport.internal.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.SipLimits;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.transport.internal.MalformedSip;

class SipStreamDecoderTest {
    static final String INVITE_WITH_BODY = "INVITE sip:bob@example.com SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n"
        + "Max-Forwards: 70\r\n"
        + "To: Bob <sip:bob@example.com>\r\n"
        + "From: Alice <sip:alice@example.com>;tag=1928301774\r\n"
        + "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
        + "CSeq: 314159 INVITE\r\n"
        + "Contact: <sip:alice@192.0.2.1>\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: 11\r\n"
        + "\r\n"
        + "v=0\r\no=x\r\n\r\n".substring(0, 11);
    static final String OPTIONS_NO_BODY = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK776asdhdt\r\n"
        + "Max-Forwards: 70\r\n"
        + "To: <sip:bob@example.com>\r\n"
        + "From: <sip:alice@example.com>;tag=1\r\n"
        + "Call-ID: opt1@pc33\r\n"
        + "CSeq: 1 OPTIONS\r\n"
        + "Content-Length: 0\r\n"
        + "\r\n";

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new SipStreamDecoder(SipLimits.DEFAULT));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rfc3261_18_3_framesTwoPipelinedMessagesByContentLength() {
        EmbeddedChannel ch = channel();
        assertTrue(ch.writeInbound(Unpooled.wrappedBuffer(bytes(INVITE_WITH_BODY + OPTIONS_NO_BODY))));
        SipRequest invite = ch.readInbound();
        assertEquals("INVITE", invite.method().toString());
        assertEquals(11, invite.bodyLength());
        assertEquals("OPTIONS", ch.<SipRequest>readInbound().method().toString());
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void rfc3261_18_3_framesInputSplitAtEveryByteBoundary() {
        byte[] all = bytes(INVITE_WITH_BODY);
        for (int split = 1; split < all.length; split++) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(Unpooled.wrappedBuffer(all, 0, split));
            assertNull(ch.readInbound(), "message emitted early at split " + split);
            ch.writeInbound(Unpooled.wrappedBuffer(all, split, all.length - split));
            SipRequest r = ch.readInbound();
            assertEquals("a84b4c76e66710@pc33.example.com", r.callId(), "split " + split);
            assertArrayEquals(bytes("v=0\r\no=x\r\n\r\n".substring(0, 11)), r.body(), "split " + split);
            assertFalse(ch.finish());
        }
    }

    @Test
    void rfc5626_4_4_1_doubleCrlfBetweenMessagesIsAPing() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(bytes("\r\n\r\n" + OPTIONS_NO_BODY + "\r\n")));
        assertSame(KeepAlivePing.INSTANCE, ch.readInbound());
        assertInstanceOf(SipRequest.class, ch.readInbound());
        assertNull(ch.readInbound(), "a single CRLF (a pong) is not a ping");
        assertFalse(ch.finish());
    }

    @Test
    void rfc4475_3_1_2_3_negativeContentLengthIsFatalToTheStream() {
        EmbeddedChannel ch = channel();
        String bad = OPTIONS_NO_BODY.replace("Content-Length: 0", "Content-Length: -999");
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(bad + OPTIONS_NO_BODY)));
        MalformedSip m = ch.readInbound();
        assertTrue(m.fatal());
        assertEquals(400, m.error().statusCode());
        assertNull(ch.readInbound(), "nothing after a framing error can be trusted");
        assertFalse(ch.finish());
    }

    @Test
    void oversizeHeaderSectionIsFatal() {
        EmbeddedChannel ch = channel();
        StringBuilder huge = new StringBuilder("OPTIONS sip:a@b SIP/2.0\r\n");
        while (huge.length() <= SipLimits.DEFAULT.maxHeaderSectionBytes()) {
            huge.append("X-Pad: ").append("a".repeat(200)).append("\r\n");
        }
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(huge.toString())));
        MalformedSip m = ch.readInbound();
        assertTrue(m.fatal());
        assertFalse(ch.finish());
    }

    @Test
    void malformedButFramedMessageIsReportedAndTheNextOneServed() {
        EmbeddedChannel ch = channel();
        String bad = OPTIONS_NO_BODY.replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE"); // RFC 4475 mismatch01
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(bad + OPTIONS_NO_BODY)));
        MalformedSip m = ch.readInbound();
        assertFalse(m.fatal());
        assertEquals(400, m.error().statusCode());
        assertInstanceOf(SipRequest.class, ch.readInbound());
        assertFalse(ch.finish());
    }
}
