package org.tabphone.media.internal.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tabphone.media.internal.stun.StunBindingResponder.Outcome;

/** RFC 8445 §7.3 ICE-Lite answers to connectivity checks. */
class StunBindingResponderTest {
    static final String LOCAL_UFRAG = "Lq5f";
    static final String LOCAL_PWD = "t7h9C6Ulp0Ws0R0zMBXbXTrD";
    static final InetSocketAddress BROWSER_V4 = new InetSocketAddress("198.51.100.7", 61234);
    static final InetSocketAddress BROWSER_V6 = new InetSocketAddress("2001:db8::7", 50000);

    final StunBindingResponder responder = new StunBindingResponder(LOCAL_UFRAG, LOCAL_PWD);
    final List<ByteBuf> toRelease = new ArrayList<>();
    final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

    @BeforeAll
    static void paranoid() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void release() {
        toRelease.forEach(ByteBuf::release);
    }

    ByteBuf track(ByteBuf b) {
        toRelease.add(b);
        return b;
    }

    /** A browser-like check: USERNAME local:remote, PRIORITY, ICE-CONTROLLING, MI with our pwd, FP. */
    ByteBuf check(String username, String password, boolean useCandidate, boolean controlling) {
        ByteBuf out = track(alloc.directBuffer());
        StunMessageWriter.writeBindingRequest(out, TestVectors.hex("a1a2a3a4a5a6a7a8a9aaabac"), username,
                0x6e7f1eff, useCandidate, controlling, 0x1122334455667788L, StunIntegrity.shortTerm(password),
                new StunFingerprint());
        return out;
    }

    StunMessageView parse(ByteBuf response) {
        StunMessageView m = new StunMessageView();
        assertEquals(StunParseResult.OK, m.parse(response));
        assertTrue(m.hasFingerprint(), "RFC 8445 §7.3: responses carry FINGERPRINT");
        assertTrue(m.transactionIdEquals(TestVectors.hex("a1a2a3a4a5a6a7a8a9aaabac"), 0)
                || m.transactionIdEquals(TestVectors.hex("b7e7a701bc34d686fa87dfae"), 0));
        return m;
    }

    @Test
    void rfc8445_7_3_validCheck_getsSuccessWithXorMappedAddressIntegrityAndFingerprint() {
        for (InetSocketAddress sender : new InetSocketAddress[] {BROWSER_V4, BROWSER_V6, BROWSER_V4}) {
            ByteBuf out = track(alloc.buffer());
            Outcome o = responder.onStunPacket(check(LOCAL_UFRAG + ":rEm0", LOCAL_PWD, true, true), sender, out);
            assertEquals(Outcome.SUCCESS, o);
            assertTrue(responder.request().useCandidate());
            assertEquals("rEm0", responder.request().remoteUfrag());
            StunMessageView m = parse(out);
            assertEquals(StunPacket.BINDING_SUCCESS_RESPONSE, m.messageType());
            assertEquals(sender, m.xorMappedAddress());
            assertTrue(StunIntegrity.shortTerm(LOCAL_PWD).verify(m));
            assertFalse(StunIntegrity.shortTerm("other").verify(m));
            assertEquals(sender.getAddress().getAddress().length == 4 ? 64 : 76, out.readableBytes());
        }
    }

    @Test
    void rfc8445_7_3_heapArrayOverload_answersTheDatagramAtAnOffset() {
        ByteBuf req = check(LOCAL_UFRAG + ":rEm0", LOCAL_PWD, false, true);
        byte[] datagram = new byte[req.readableBytes() + 10];
        req.getBytes(0, datagram, 5, req.readableBytes());
        ByteBuf out = track(alloc.buffer());
        assertEquals(Outcome.SUCCESS, responder.onStunPacket(datagram, 5, req.readableBytes(), BROWSER_V6, out));
        assertEquals(BROWSER_V6, parse(out).xorMappedAddress());
    }

    @Test
    void rfc8445_7_3_requestIsNotConsumedOrModified() {
        ByteBuf req = check(LOCAL_UFRAG + ":r", LOCAL_PWD, false, true);
        ByteBuf copy = track(req.copy());
        responder.onStunPacket(req, BROWSER_V4, track(alloc.buffer()));
        assertEquals(copy, req);
        assertEquals(0, req.readerIndex());
    }

    @Test
    void rfc8489_9_1_3_wrongIntegrity_gets401WithoutIntegrity() {
        ByteBuf out = track(alloc.buffer());
        assertEquals(Outcome.UNAUTHORIZED,
                responder.onStunPacket(check(LOCAL_UFRAG + ":r", "not-the-password", false, true), BROWSER_V4, out));
        StunMessageView m = parse(out);
        assertEquals(StunPacket.BINDING_ERROR_RESPONSE, m.messageType());
        assertEquals(401, m.errorCode());
        assertFalse(m.hasMessageIntegrity(), "RFC 8489 §9.1.3: no MESSAGE-INTEGRITY in a 401");
    }

    @Test
    void rfc8489_9_1_3_tamperedRfc5769Request_gets401() {
        // RFC 5769 2.1 as received by the agent whose ufrag is "evtj": MI altered, FP recomputed.
        StunBindingResponder evtj = new StunBindingResponder("evtj", StunMessageViewTest.PASSWORD);
        byte[] b = StunMessageViewTest.vector("rfc5769-2.1-request.bin");
        b[0x5F] ^= (byte) 0x80;
        ByteBuf req = Unpooled.wrappedBuffer(b);
        StunMessageViewTest.refreshFingerprint(req);
        ByteBuf out = track(alloc.buffer());
        assertEquals(Outcome.UNAUTHORIZED, evtj.onStunPacket(req, BROWSER_V4, out));
        assertEquals(401, parse(out).errorCode());
    }

    @Test
    void rfc8445_7_3_1_1_rfc5769Request_carriesIceControlled_gets487SignedWithOurPassword() {
        StunBindingResponder evtj = new StunBindingResponder("evtj", StunMessageViewTest.PASSWORD);
        ByteBuf out = track(alloc.buffer());
        ByteBuf req = Unpooled.wrappedBuffer(StunMessageViewTest.vector("rfc5769-2.1-request.bin"));
        assertEquals(Outcome.ROLE_CONFLICT, evtj.onStunPacket(req, BROWSER_V4, out));
        StunMessageView m = parse(out);
        assertEquals(487, m.errorCode());
        assertTrue(StunIntegrity.shortTerm(StunMessageViewTest.PASSWORD).verify(m));
        // the same vector at an agent with another ufrag or password is unauthorized
        out.clear();
        assertEquals(Outcome.UNAUTHORIZED, new StunBindingResponder("h6vY", StunMessageViewTest.PASSWORD)
                .onStunPacket(req, BROWSER_V4, out));
        out.clear();
        assertEquals(Outcome.UNAUTHORIZED, new StunBindingResponder("evtj", "x").onStunPacket(req, BROWSER_V4, out));
    }

    @Test
    void rfc8445_7_3_usernameForAnotherUfrag_gets401() {
        for (String username : new String[] {"Lq5:r", "Lq5fx:r", "r:" + LOCAL_UFRAG, LOCAL_UFRAG}) {
            ByteBuf out = track(alloc.buffer());
            assertEquals(Outcome.UNAUTHORIZED,
                    responder.onStunPacket(check(username, LOCAL_PWD, false, true), BROWSER_V4, out), username);
            assertEquals(401, parse(out).errorCode());
        }
    }

    @Test
    void rfc8489_9_1_3_missingUsernameOrIntegrity_gets400() {
        StunFingerprint fp = new StunFingerprint();
        byte[] tx = TestVectors.hex("a1a2a3a4a5a6a7a8a9aaabac");
        ByteBuf noIntegrity = track(Unpooled.buffer());
        int s = StunMessageWriter.writeHeader(noIntegrity, StunPacket.BINDING_REQUEST, tx, 0);
        StunMessageWriter.writeUsername(noIntegrity, s, LOCAL_UFRAG + ":r");
        StunMessageWriter.writePriority(noIntegrity, s, 1);
        StunMessageWriter.writeFingerprint(noIntegrity, s, fp);
        ByteBuf noUsername = track(Unpooled.buffer());
        s = StunMessageWriter.writeHeader(noUsername, StunPacket.BINDING_REQUEST, tx, 0);
        StunMessageWriter.writePriority(noUsername, s, 1);
        StunMessageWriter.writeMessageIntegrity(noUsername, s, StunIntegrity.shortTerm(LOCAL_PWD));
        StunMessageWriter.writeFingerprint(noUsername, s, fp);
        for (ByteBuf req : new ByteBuf[] {noIntegrity, noUsername}) {
            ByteBuf out = track(alloc.buffer());
            assertEquals(Outcome.BAD_REQUEST, responder.onStunPacket(req, BROWSER_V4, out));
            StunMessageView m = parse(out);
            assertEquals(400, m.errorCode());
            assertFalse(m.hasMessageIntegrity());
        }
    }

    @Test
    void rfc8445_7_3_missingPriority_gets400SignedAfterAuthentication() {
        ByteBuf req = track(Unpooled.buffer());
        int s = StunMessageWriter.writeHeader(req, StunPacket.BINDING_REQUEST, TestVectors.hex("a1a2a3a4a5a6a7a8a9aaabac"), 0);
        StunMessageWriter.writeUsername(req, s, LOCAL_UFRAG + ":r");
        StunMessageWriter.writeIceRole(req, s, true, 1);
        StunMessageWriter.writeMessageIntegrity(req, s, StunIntegrity.shortTerm(LOCAL_PWD));
        StunMessageWriter.writeFingerprint(req, s, new StunFingerprint());
        ByteBuf out = track(alloc.buffer());
        assertEquals(Outcome.BAD_REQUEST, responder.onStunPacket(req, BROWSER_V4, out));
        StunMessageView m = parse(out);
        assertEquals(400, m.errorCode());
        assertTrue(StunIntegrity.shortTerm(LOCAL_PWD).verify(m));
    }

    @Test
    void rfc8489_6_3_1_unknownRequiredAttribute_gets420ListingIt() {
        ByteBuf req = track(Unpooled.buffer());
        int s = StunMessageWriter.writeHeader(req, StunPacket.BINDING_REQUEST, TestVectors.hex("a1a2a3a4a5a6a7a8a9aaabac"), 0);
        StunMessageWriter.writeUsername(req, s, LOCAL_UFRAG + ":r");
        StunMessageWriter.writePriority(req, s, 1);
        StunMessageWriter.writeAttribute(req, s, 0x0031, new byte[4], 0, 4, (byte) 0);
        StunMessageWriter.writeMessageIntegrity(req, s, StunIntegrity.shortTerm(LOCAL_PWD));
        StunMessageWriter.writeFingerprint(req, s, new StunFingerprint());
        ByteBuf out = track(alloc.buffer());
        assertEquals(Outcome.UNKNOWN_ATTRIBUTE, responder.onStunPacket(req, BROWSER_V4, out));
        StunMessageView m = parse(out);
        assertEquals(420, m.errorCode());
        assertTrue(StunIntegrity.shortTerm(LOCAL_PWD).verify(m));
        // UNKNOWN-ATTRIBUTES: type 0x000A, length 2, 0x0031, 2 bytes padding, right after ERROR-CODE (4+4+17+3)
        int ua = 20 + 4 + 4 + 20;
        assertEquals(StunAttribute.UNKNOWN_ATTRIBUTES, out.getUnsignedShort(ua));
        assertEquals(2, out.getUnsignedShort(ua + 2));
        assertEquals(0x0031, out.getUnsignedShort(ua + 4));
    }

    @Test
    void rfc8489_7_3_badFingerprintMalformedAndNonRequests_areDroppedSilently() {
        ByteBuf out = track(alloc.buffer());
        ByteBuf req = check(LOCAL_UFRAG + ":r", LOCAL_PWD, false, true);
        req.setByte(req.writerIndex() - 1, req.getByte(req.writerIndex() - 1) ^ 1);
        assertEquals(Outcome.BAD_FINGERPRINT, responder.onStunPacket(req, BROWSER_V4, out));
        req = check(LOCAL_UFRAG + ":r", LOCAL_PWD, false, true);
        req.setByte(0x1D, req.getByte(0x1D) ^ 1); // inside USERNAME: fingerprint no longer matches
        assertEquals(Outcome.BAD_FINGERPRINT, responder.onStunPacket(req, BROWSER_V4, out));
        assertEquals(Outcome.MALFORMED, responder.onStunPacket(req.slice(0, 24), BROWSER_V4, out));
        assertEquals(Outcome.NOT_STUN,
                responder.onStunPacket(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 0, 0, 1}), BROWSER_V4, out));
        ByteBuf response = Unpooled.wrappedBuffer(StunMessageViewTest.vector("rfc5769-2.2-ipv4-response.bin"));
        assertEquals(Outcome.NOT_A_REQUEST, responder.onStunPacket(response, BROWSER_V4, out));
        ByteBuf allocate = track(Unpooled.buffer());
        StunMessageWriter.writeHeader(allocate, 0x0003, new byte[12], 0);
        assertEquals(Outcome.UNSUPPORTED_METHOD, responder.onStunPacket(allocate, BROWSER_V4, out));
        assertEquals(0, out.readableBytes(), "drops write nothing");
    }

    @Test
    void steadyStateCheck_allocatesAlmostNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // Unpooled heap buffers: leak-detection records (PARANOID) would dominate what is measured.
        ByteBuf req = Unpooled.copiedBuffer(check(LOCAL_UFRAG + ":rEm0", LOCAL_PWD, true, true));
        ByteBuf out = Unpooled.buffer(128);
        for (int i = 0; i < 20_000; i++) {
            out.clear();
            responder.onStunPacket(req, BROWSER_V4, out);
        }
        int n = 50_000;
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            out.clear();
            responder.onStunPacket(req, BROWSER_V4, out);
        }
        long perPacket = (mx.getCurrentThreadAllocatedBytes() - before) / n;
        // JCE's Mac.doFinal(byte[], int) copies its 20-byte result through a fresh array: 2 HMACs
        // per check (verify + sign) at 40 bytes each is all we allow.
        assertTrue(perPacket <= 96, "allocated " + perPacket + " bytes per check");
    }
}
