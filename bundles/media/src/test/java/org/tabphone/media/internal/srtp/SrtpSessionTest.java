package org.tabphone.media.internal.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DTLS-SRTP keying, protect/unprotect round trips, tampering, replay and bad input. */
class SrtpSessionTest {
    static final Random RANDOM = new Random(3711);

    @BeforeAll
    static void reportBackend() {
        // Which crypto the run used: see the report in the test output.
        System.out.println("[SRTP backend] " + SrtpBackend.describe());
    }

    /** An RTP packet: V=2, PT 0, given seq/SSRC, timestamp 160*seq, payload bytes 0..n-1. */
    static byte[] rtp(int seq, int ssrc, int payload) {
        byte[] b = new byte[12 + payload];
        b[0] = (byte) 0x80;
        b[1] = 0;
        b[2] = (byte) (seq >>> 8);
        b[3] = (byte) seq;
        int ts = 160 * seq;
        b[4] = (byte) (ts >>> 24);
        b[5] = (byte) (ts >>> 16);
        b[6] = (byte) (ts >>> 8);
        b[7] = (byte) ts;
        b[8] = (byte) (ssrc >>> 24);
        b[9] = (byte) (ssrc >>> 16);
        b[10] = (byte) (ssrc >>> 8);
        b[11] = (byte) ssrc;
        for (int i = 0; i < payload; i++) {
            b[12 + i] = (byte) i;
        }
        return b;
    }

    /** A compound RTCP packet: an RR with one report block, then an SDES with a CNAME. */
    static byte[] rtcp(int ssrc) {
        byte[] b = new byte[32 + 20];
        b[0] = (byte) 0x81;
        b[1] = (byte) 201; // RR
        b[3] = 7;
        b[4] = (byte) (ssrc >>> 24);
        b[5] = (byte) (ssrc >>> 16);
        b[6] = (byte) (ssrc >>> 8);
        b[7] = (byte) ssrc;
        for (int i = 8; i < 32; i++) {
            b[i] = (byte) (i * 7);
        }
        b[32] = (byte) 0x81;
        b[33] = (byte) 202; // SDES
        b[35] = 4;
        for (int i = 36; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    static byte[] material(SrtpProfile p) {
        byte[] m = new byte[p.keyingMaterialLength()];
        RANDOM.nextBytes(m);
        return m;
    }

    /** Both ends of one DTLS association: [0] the DTLS client, [1] the server. */
    static SrtpSession[] pair(SrtpProfile p) {
        byte[] m = material(p);
        return new SrtpSession[] {SrtpSession.fromDtlsKeyingMaterial(p, m, true),
            SrtpSession.fromDtlsKeyingMaterial(p.id(), m, false)};
    }

    static byte[] protect(SrtpSession s, byte[] rtp) {
        byte[] buf = Arrays.copyOf(rtp, rtp.length + s.profile().rtpOverhead());
        assertEquals(buf.length, s.protectRtp(buf, 0, rtp.length));
        return buf;
    }

    static byte[] protectRtcp(SrtpSession s, byte[] rtcp) {
        byte[] buf = Arrays.copyOf(rtcp, rtcp.length + s.profile().rtcpOverhead());
        assertEquals(buf.length, s.protectRtcp(buf, 0, rtcp.length));
        return buf;
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rfc5764_4_2_clientAndServerKeysInteroperateBothWays(SrtpProfile p) {
        SrtpSession[] s = pair(p);
        for (int dir = 0; dir < 2; dir++) {
            SrtpSession from = s[dir];
            SrtpSession to = s[1 - dir];
            byte[] plain = rtp(1000 + dir, 0x11223344 + dir, 160);
            byte[] srtp = protect(from, plain);
            assertFalse(Arrays.equals(plain, Arrays.copyOf(srtp, plain.length)), "payload encrypted");
            assertArrayEquals(Arrays.copyOf(plain, 12), Arrays.copyOf(srtp, 12), "header in clear");
            assertEquals(plain.length, to.unprotectRtp(srtp, 0, srtp.length));
            assertArrayEquals(plain, Arrays.copyOf(srtp, plain.length));
        }
        // a session that mistakes its DTLS role uses the wrong keys: the peer cannot authenticate it
        SrtpSession confused = SrtpSession.fromDtlsKeyingMaterial(p, material(p), true);
        byte[] srtp = protect(confused, rtp(5, 0x55, 160));
        assertEquals(SrtpResult.AUTH_FAIL, s[1].unprotectRtp(srtp, 0, srtp.length));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rfc3711_3_3_1_roundTripAcrossSequenceRolloverAndReordering(SrtpProfile p) {
        SrtpSession[] s = pair(p);
        int ssrc = 0xDEADBEEF;
        byte[][] sent = new byte[300][];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = protect(s[0], rtp((65400 + i) & 0xFFFF, ssrc, 160)); // seq wraps at i = 136: ROC 0 -> 1
        }
        for (int i = 0; i < sent.length; i++) {
            int k = (i % 10 == 3 && i + 1 < sent.length) ? i + 1 : (i % 10 == 4 ? i - 1 : i); // swap pairs
            byte[] b = sent[k].clone();
            assertEquals(12 + 160, s[1].unprotectRtp(b, 0, b.length), "packet " + k);
            assertArrayEquals(rtp((65400 + k) & 0xFFFF, ssrc, 160), Arrays.copyOf(b, 172));
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rfc3711_3_4_srtcpRoundTrip(SrtpProfile p) {
        SrtpSession[] s = pair(p);
        for (int i = 0; i < 5; i++) {
            byte[] plain = rtcp(0x0A0B0C0D);
            byte[] srtcp = protectRtcp(s[1], plain);
            assertEquals(0x80, srtcp[srtcp.length - (p.isAead() ? 4 : 4 + 10)] & 0x80, "E flag set");
            assertEquals(plain.length, s[0].unprotectRtcp(srtcp, 0, srtcp.length));
            assertArrayEquals(plain, Arrays.copyOf(srtcp, plain.length));
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rfc3711_3_3_tamperedPacketsFailAuthentication(SrtpProfile p) {
        SrtpSession[] s = pair(p);
        byte[] good = protect(s[0], rtp(7, 0x77, 160));
        for (int pos : new int[] {1, 5, 12, 100, good.length - 1}) { // header, payload, tag
            byte[] bad = good.clone();
            bad[pos] ^= 0x01;
            assertEquals(SrtpResult.AUTH_FAIL, s[1].unprotectRtp(bad, 0, bad.length), "byte " + pos);
        }
        assertEquals(172, s[1].unprotectRtp(good.clone(), 0, good.length), "original still accepted");
        byte[] goodRtcp = protectRtcp(s[0], rtcp(0x77));
        for (int pos : new int[] {1, 10, 40, goodRtcp.length - (p.isAead() ? 6 : 1)}) {
            byte[] bad = goodRtcp.clone();
            bad[pos] ^= 0x01;
            assertEquals(SrtpResult.AUTH_FAIL, s[1].unprotectRtcp(bad, 0, bad.length), "rtcp byte " + pos);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rfc3711_3_3_2_replayedPacketsAreRejected(SrtpProfile p) {
        SrtpSession[] s = pair(p);
        byte[][] sent = new byte[80][];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = protect(s[0], rtp(i, 0x99, 160));
        }
        for (byte[] b : sent) {
            assertEquals(172, s[1].unprotectRtp(b.clone(), 0, b.length));
        }
        assertEquals(SrtpResult.REPLAY, s[1].unprotectRtp(sent[79].clone(), 0, 172 + p.rtpOverhead()));
        assertEquals(SrtpResult.REPLAY, s[1].unprotectRtp(sent[20].clone(), 0, 172 + p.rtpOverhead()));
        assertEquals(SrtpResult.REPLAY_OLD, s[1].unprotectRtp(sent[0].clone(), 0, 172 + p.rtpOverhead()));

        byte[] srtcp = protectRtcp(s[0], rtcp(0x99));
        assertEquals(52, s[1].unprotectRtcp(srtcp.clone(), 0, srtcp.length));
        assertEquals(SrtpResult.REPLAY, s[1].unprotectRtcp(srtcp.clone(), 0, srtcp.length));
    }

    @Test
    void badInputNeverThrows() {
        SrtpSession[] s = pair(SrtpProfile.AES128_CM_HMAC_SHA1_80);
        byte[] b = rtp(1, 1, 160);
        assertEquals(SrtpResult.NO_ROOM, s[0].protectRtp(b, 0, b.length), "no room for the tag");
        assertEquals(SrtpResult.INVALID_PACKET, s[0].protectRtp(null, 0, 10));
        assertEquals(SrtpResult.INVALID_PACKET, s[0].protectRtp(b, 100, 100));
        assertEquals(SrtpResult.INVALID_PACKET, s[0].protectRtp(b, -1, 10));
        assertEquals(SrtpResult.INVALID_PACKET, s[0].protectRtp(new byte[40], 0, 11));
        byte[] v1 = rtp(1, 1, 10);
        v1[0] = 0x40;
        assertEquals(SrtpResult.INVALID_PACKET, s[0].protectRtp(Arrays.copyOf(v1, 40), 0, v1.length));
        byte[] csrcs = rtp(1, 1, 10);
        csrcs[0] = (byte) 0x8F; // 15 CSRCs announced, 10 payload bytes
        assertEquals(SrtpResult.INVALID_PACKET, s[0].protectRtp(Arrays.copyOf(csrcs, 64), 0, csrcs.length));
        byte[] ext = rtp(1, 1, 8);
        ext[0] = (byte) 0x90;
        ext[14] = 0x10; // extension of 0x10 words
        assertEquals(SrtpResult.INVALID_PACKET, s[0].protectRtp(Arrays.copyOf(ext, 64), 0, ext.length));
        assertEquals(SrtpResult.INVALID_PACKET, s[1].unprotectRtp(new byte[21], 0, 21));
        assertEquals(SrtpResult.INVALID_PACKET, s[1].unprotectRtcp(new byte[21], 0, 21));
        assertEquals(SrtpResult.INVALID_PACKET, s[0].protectRtcp(new byte[40], 0, 7));
        assertEquals(SrtpResult.NO_ROOM, s[0].protectRtcp(rtcp(1), 0, 52));

        for (SrtpProfile p : SrtpProfile.values()) {
            SrtpSession receiver = pair(p)[1];
            for (int i = 0; i < 3000; i++) {
                byte[] junk = new byte[1 + RANDOM.nextInt(300)];
                RANDOM.nextBytes(junk);
                if (RANDOM.nextBoolean()) {
                    junk[0] = (byte) (0x80 | (junk[0] & 0x3F));
                }
                assertTrue(receiver.unprotectRtp(junk, 0, junk.length) < 0);
                assertTrue(receiver.unprotectRtcp(junk, 0, junk.length) < 0);
            }
        }
    }

    @Test
    void rfc7714_9_unencryptedGcmSrtcpIsRefused() {
        SrtpSession[] s = pair(SrtpProfile.AEAD_AES_128_GCM);
        byte[] srtcp = protectRtcp(s[0], rtcp(3));
        srtcp[srtcp.length - 4] &= 0x7F; // clear E
        assertEquals(SrtpResult.INVALID_PACKET, s[1].unprotectRtcp(srtcp, 0, srtcp.length));
    }

    @Test
    void forgedSsrcsDoNotFillTheTable() {
        SrtpProfile p = SrtpProfile.AES128_CM_HMAC_SHA1_80;
        byte[] m = material(p);
        SrtpSession client = SrtpSession.fromDtlsKeyingMaterial(p, m, true);
        SrtpSession server = SrtpSession.fromDtlsKeyingMaterial(p, m, false);
        for (int i = 0; i < 100; i++) {
            byte[] forged = protect(SrtpSession.fromDtlsKeyingMaterial(p, material(p), true), rtp(1, 1000 + i, 20));
            assertEquals(SrtpResult.AUTH_FAIL, server.unprotectRtp(forged, 0, forged.length));
        }
        for (int ssrc = 1; ssrc <= SrtpSession.DEFAULT_MAX_SSRCS; ssrc++) {
            byte[] b = protect(client, rtp(1, ssrc, 20));
            assertEquals(32, server.unprotectRtp(b, 0, b.length), "ssrc " + ssrc);
        }
        byte[] b = protect(SrtpSession.fromDtlsKeyingMaterial(p, m, true), rtp(1, 4242, 20));
        assertEquals(SrtpResult.TOO_MANY_SSRCS, server.unprotectRtp(b, 0, b.length));
        assertEquals(SrtpResult.TOO_MANY_SSRCS, client.protectRtp(Arrays.copyOf(rtp(1, 4343, 20), 64), 0, 32));
    }

    @ParameterizedTest
    @EnumSource(value = SrtpProfile.class, names = {"AES128_CM_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    void byteBufs_heapSliceAndDirect_roundTripAndMoveTheWriterIndex(SrtpProfile p) {
        SrtpSession[] s = pair(p);
        PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        int seq = 10;
        ByteBuf[] bufs = {alloc.heapBuffer(256), alloc.directBuffer(256), Unpooled.buffer(300).writerIndex(50)
                .readerIndex(50).slice(50, 200).clear()};
        for (ByteBuf buf : bufs) {
            byte[] plain = rtp(seq++, 0x1234, 160); // a new sequence number per packet: GCM IVs never repeat
            buf.writeBytes(plain);
            assertEquals(172 + p.rtpOverhead(), s[0].protectRtp(buf));
            assertEquals(172 + p.rtpOverhead(), buf.readableBytes());
            assertEquals(172, s[1].unprotectRtp(buf));
            assertArrayEquals(plain, ByteBufUtil.getBytes(buf));
            buf.clear().writeBytes(rtcp(9));
            assertEquals(52 + p.rtcpOverhead(), s[1].protectRtcp(buf));
            assertEquals(52, s[0].unprotectRtcp(buf));
            assertArrayEquals(rtcp(9), ByteBufUtil.getBytes(buf));
            buf.release();
        }
        ByteBuf full = alloc.heapBuffer(172, 172).writeBytes(rtp(99, 0x1234, 160));
        assertEquals(SrtpResult.NO_ROOM, s[0].protectRtp(full));
        full.release();
    }

    @Test
    void protectNeverWritesPastTheByteBufCapacityInASharedArray() {
        SrtpSession[] s = pair(SrtpProfile.AEAD_AES_128_GCM);
        byte[] array = new byte[400];
        Arrays.fill(array, (byte) 0x5A);
        ByteBuf slab = Unpooled.wrappedBuffer(array);
        ByteBuf packet = slab.slice(100, 180).clear(); // 172 + 8 bytes: not enough room for a 16-byte tag
        packet.writeBytes(rtp(1, 1, 160));
        assertEquals(SrtpResult.NO_ROOM, s[0].protectRtp(packet));
        for (int i = 280; i < 400; i++) {
            assertEquals(0x5A, array[i]);
        }
    }

    @Test
    void unsupportedProfileAndWrongMaterialLengthAreRejectedAtSetup() {
        assertThrows(IllegalArgumentException.class,
                () -> SrtpSession.fromDtlsKeyingMaterial(0x0005, new byte[60], true));
        assertThrows(IllegalArgumentException.class,
                () -> SrtpSession.fromDtlsKeyingMaterial(SrtpProfile.AES128_CM_HMAC_SHA1_80, new byte[56], true));
        assertEquals(60, SrtpProfile.AES128_CM_HMAC_SHA1_80.keyingMaterialLength());
        assertEquals(56, SrtpProfile.AEAD_AES_128_GCM.keyingMaterialLength());
        assertNull(SrtpProfile.fromId(0x0006));
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.fromId(7));
        assertEquals("SRTP_AES128_CM_HMAC_SHA1_80", SrtpProfile.AES128_CM_HMAC_SHA1_80.rfcName());
        assertEquals("SRTP_AEAD_AES_128_GCM", SrtpProfile.AEAD_AES_128_GCM.rfcName());
    }

    @Test
    void closeZeroesKeysAndForgetsContexts() {
        SrtpSession[] s = pair(SrtpProfile.AES128_CM_HMAC_SHA1_80);
        byte[] b = protect(s[0], rtp(1, 1, 20));
        s[1].close();
        assertNotEquals(32, s[1].unprotectRtp(b, 0, b.length));
    }
}
