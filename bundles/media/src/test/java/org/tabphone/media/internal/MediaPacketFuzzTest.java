package org.tabphone.media.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.tabphone.media.internal.rtcp.RemoteReports;
import org.tabphone.media.internal.rtcp.RtcpReader;
import org.tabphone.media.internal.srtp.SrtpProfile;
import org.tabphone.media.internal.srtp.SrtpResult;
import org.tabphone.media.internal.srtp.SrtpSession;

/**
 * Feeds arbitrary octets, as an RTP/RTCP datagram from the network, to what {@link LegHandler}
 * runs on one: {@link RtpHeader}'s payload offset and length (as {@code Route} reads them before
 * transcoding) and {@link SrtpSession#unprotectRtp} / {@link SrtpSession#unprotectRtcp}. Nothing may
 * throw; a payload offset / length is -1 or inside the packet; unprotect returns a length no larger
 * than the input or one of the negative {@link SrtpResult} codes, and writes nothing outside the
 * packet (guard bytes before it, spare room after it).
 *
 * <p>Four ways in, each input through all of them:
 * <ol>
 * <li>the plain-RTP leg: {@code RtpHeader} on the datagram as received, and {@link RtcpReader} (the
 * gateway reads every leg's RTCP since it terminates it: reports, BYE, RFC 4585 feedback, XR, APP,
 * RFC 5506 reduced-size packets; seeds {@code rtcp-*.bin});
 * <li>the WebRTC leg with a fixed key per profile: unprotect, through the {@code byte[]} API (as
 * {@code LegHandler}) and the {@code ByteBuf} API with spare room; a random packet never
 * authenticates, so this is the path every forged or corrupted packet takes;
 * <li>a peer holding the keys sending garbage: the input gets a valid AES-CM/HMAC-SHA1-80 tag (RTP)
 * or SRTCP index-and-tag trailer, made here from the fixed key, so jitsi-srtp decrypts whatever header
 * the fuzzer wrote (CSRC count and extension length past the end included) and the result goes on to
 * {@code RtpHeader} (RTP) or {@code RtcpReader} (RTCP);
 * <li>a round trip for each profile: fresh sessions protect the input and the peer's session must
 * unprotect it back to the same bytes whenever protect accepted it, and protect must accept every
 * RTP packet whose header {@code RtpHeader} finds inside it — except RFC 9335 cryptex-marked ones
 * (see {@link #cryptexProfile}), refused both ways.
 * </ol>
 * Fresh sessions per input for (3) and (4) keep runs reproducible (replay windows, SSRC tables); the
 * fixed sessions of (2) never change state since nothing random authenticates (if a crafted input
 * ever does, that session is replaced).
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the seeds and any regression inputs in
 * {@code MediaPacketFuzzTestInputs/mediaPacket} as a unit test; the pom's {@code bounded-fuzz}
 * execution fuzzes it for 10 s and {@code bench/media-fuzz.sh} for longer.
 */
class MediaPacketFuzzTest {
    static final SrtpProfile[] PROFILES = SrtpProfile.values();
    static final int GUARD = 16;
    static final int SPARE = 64;
    static final byte GUARD_BYTE = (byte) 0xA5;

    /** Receive-only sessions with fixed keys, one per profile: what a forged or corrupted packet meets. */
    static final SrtpSession[] RECEIVERS = new SrtpSession[PROFILES.length];

    static final byte[] CM_KEY = key(SrtpProfile.AES128_CM_HMAC_SHA1_80.keyLength(), 0x10);
    static final byte[] CM_SALT = key(SrtpProfile.AES128_CM_HMAC_SHA1_80.saltLength(), 0x40);
    /** HMAC-SHA1 keyed with the SRTP and the SRTCP session authentication keys of CM_KEY/CM_SALT. */
    static final Mac RTP_AUTH = hmac(CM_KEY, CM_SALT, 1);
    static final Mac RTCP_AUTH = hmac(CM_KEY, CM_SALT, 4);

    static {
        for (int i = 0; i < PROFILES.length; i++) {
            RECEIVERS[i] = receiver(PROFILES[i]);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void mediaPacket(byte[] data) {
        rtpHeader(data, 0, data.length);
        rtcpReader(data, 0, data.length);
        for (int i = 0; i < PROFILES.length; i++) {
            unprotectArbitrary(i, data);
        }
        forgedAesCm(data);
        for (SrtpProfile profile : PROFILES) {
            roundTrip(profile, data);
        }
    }

    // ---- 1: RtpHeader, as LegHandler and Route call it -----------------------------------------

    /** Returns the payload offset, or -1; checks only packets LegHandler would relay as RTP. */
    static int rtpHeader(byte[] p, int off, int len) {
        if (!RtpHeader.isRtpOrRtcp(p, off, len) || RtpHeader.isRtcp(p, off)) {
            return -1;
        }
        int pt = RtpHeader.payloadType(p, off);
        assertTrue(pt >= 0 && pt <= 127);
        RtpHeader.sequence(p, off);
        RtpHeader.timestamp(p, off);
        RtpHeader.ssrc(p, off);
        int payload = RtpHeader.payloadOffset(p, off, len);
        if (payload < 0) {
            assertEquals(-1, payload);
            return -1;
        }
        assertTrue(payload >= RtpHeader.MIN_LENGTH && payload <= len, "payload offset " + payload + " of " + len);
        int n = RtpHeader.payloadLength(p, off, len, payload);
        assertTrue(n == -1 || (n >= 0 && n <= len - payload), "payload length " + n + " at " + payload + " of " + len);
        return payload;
    }

    /**
     * {@link RtcpReader} as {@code LegHandler} calls it on a leg's RTCP: nothing thrown, nothing taken
     * from an invalid compound, every field taken within its wire range. An exact copy, so reading
     * past the packet throws.
     */
    static void rtcpReader(byte[] p, int off, int len) {
        byte[] exact = Arrays.copyOfRange(p, off, off + len);
        RemoteReports r = new RemoteReports();
        int ours = exact.length >= 12 ? RtpHeader.readInt(exact, 8) : 0; // any block naming it is "ours"
        boolean valid = RtcpReader.read(exact, 0, exact.length, ours, 1_000_000_000L, 0x0000123400000000L, r);
        long counted = r.feedback() + r.extendedReports() + r.otherPackets() + r.byes();
        if (!valid) {
            assertEquals(0, r.packets());
            assertTrue(!r.haveReport() && r.lastSenderReport(ours) == 0 && r.roundTripCompact() == -1);
            assertEquals(0, counted + r.reducedSize(), "nothing counted from an invalid compound");
            return;
        }
        assertEquals(1, r.packets());
        assertTrue(counted <= exact.length / 4, counted + " packets counted in " + exact.length + " bytes");
        assertTrue(r.reducedSize() <= 1);
        assertTrue(r.fractionLost() >= 0 && r.fractionLost() <= 255);
        assertTrue(r.cumulativeLost() >= -0x800000 && r.cumulativeLost() <= 0x7FFFFF);
        assertTrue(r.roundTripCompact() >= -1 && r.roundTripCompact() < 0x80000000L);
        if (r.lastSenderReport(ours) != 0) {
            assertEquals(65536, r.delaySinceLastSenderReport(ours, 2_000_000_000L), "DLSR: 1 s after the SR");
        }
    }

    // ---- 2: unprotect of arbitrary bytes with fixed keys ---------------------------------------

    private static void unprotectArbitrary(int i, byte[] data) {
        for (boolean rtcp : new boolean[] {false, true}) {
            int n = unprotectArray(RECEIVERS[i], rtcp, data);
            int m = unprotectByteBuf(RECEIVERS[i], rtcp, data);
            if (n >= 0 || m >= 0) {
                RECEIVERS[i].close(); // it now holds a context and a replay window: start over
                RECEIVERS[i] = receiver(PROFILES[i]);
            }
        }
    }

    /** Unprotects a copy at an offset, guard bytes before and spare room after; returns the result. */
    static int unprotectArray(SrtpSession session, boolean rtcp, byte[] data) {
        return unprotectArray(session, rtcp, guarded(data, SPARE), data.length);
    }

    /** Unprotects the {@code length} bytes at {@link #GUARD} in {@code a}, made by {@link #guarded}. */
    static int unprotectArray(SrtpSession session, boolean rtcp, byte[] a, int length) {
        int n = rtcp ? session.unprotectRtcp(a, GUARD, length) : session.unprotectRtp(a, GUARD, length);
        checkResult(n, length, rtcp);
        checkGuards(a, GUARD, length, "byte[] unprotect" + (rtcp ? "Rtcp" : "Rtp"));
        return n;
    }

    /** Same through the ByteBuf API: a heap slice with spare capacity; nothing beyond it may change. */
    static int unprotectByteBuf(SrtpSession session, boolean rtcp, byte[] data) {
        byte[] a = guarded(data, SPARE + GUARD);
        ByteBuf buf = Unpooled.wrappedBuffer(a, GUARD, data.length + SPARE).writerIndex(data.length);
        int n = rtcp ? session.unprotectRtcp(buf) : session.unprotectRtp(buf);
        checkResult(n, data.length, rtcp);
        assertEquals(0, buf.readerIndex());
        assertEquals(n >= 0 ? n : data.length, buf.writerIndex());
        checkGuards(a, GUARD, data.length + SPARE, "ByteBuf unprotect" + (rtcp ? "Rtcp" : "Rtp"));
        return n;
    }

    static void checkResult(int n, int length, boolean rtcp) {
        String what = (rtcp ? "unprotectRtcp" : "unprotectRtp") + " of " + length + " bytes: " + n;
        assertTrue(n <= length, what);
        assertTrue(n >= 0 || !"unknown".equals(SrtpResult.describe(n)), what);
    }

    // ---- 3: a key holder's garbage --------------------------------------------------------------

    /**
     * The input with a valid SRTP (RTP) or SRTCP (input ends with its E flag and index) tag for the
     * AES-CM/HMAC-SHA1-80 key, as a peer holding the key could send: authentication passes, so the
     * packet reaches jitsi-srtp's decryption whatever its header says.
     */
    private static void forgedAesCm(byte[] data) {
        SrtpProfile profile = SrtpProfile.AES128_CM_HMAC_SHA1_80;
        try (SrtpSession session = new SrtpSession(profile, CM_KEY, CM_SALT, CM_KEY, CM_SALT, 1)) {
            byte[] rtp = tagged(data, RTP_AUTH, true, profile.rtpOverhead());
            byte[] a = guarded(rtp, SPARE);
            int n = unprotectArray(session, false, a, rtp.length);
            if (n >= 0) {
                // on to Route as LegHandler does; an exact copy, so reading past the packet throws
                rtpHeader(Arrays.copyOfRange(a, GUARD, GUARD + n), 0, n);
            }
            if (data.length >= 4) {
                byte[] rtcp = tagged(data, RTCP_AUTH, false, profile.rtcpOverhead() - 4);
                byte[] c = guarded(rtcp, SPARE);
                int m = unprotectArray(session, true, c, rtcp.length);
                if (m >= 0) {
                    rtcpReader(c, GUARD, m); // on to RtcpReader as LegHandler does
                }
            }
        }
    }

    /** data | HMAC-SHA1(data [| ROC 0]) truncated to {@code tag} bytes. */
    private static byte[] tagged(byte[] data, Mac mac, boolean rocZero, int tag) {
        mac.update(data);
        if (rocZero) {
            mac.update(new byte[4]);
        }
        byte[] out = Arrays.copyOf(data, data.length + tag);
        System.arraycopy(mac.doFinal(), 0, out, data.length, tag);
        return out;
    }

    // ---- 4: protect then unprotect ----------------------------------------------------------------

    private static void roundTrip(SrtpProfile profile, byte[] data) {
        byte[] sendKey = key(profile.keyLength(), 0x20);
        byte[] sendSalt = key(profile.saltLength(), 0x60);
        byte[] receiveKey = key(profile.keyLength(), 0x80);
        byte[] receiveSalt = key(profile.saltLength(), 0xC0);
        try (SrtpSession alice = new SrtpSession(profile, sendKey, sendSalt, receiveKey, receiveSalt, 1);
                SrtpSession bob = new SrtpSession(profile, receiveKey, receiveSalt, sendKey, sendSalt, 1)) {
            int len = data.length;
            // RTP
            byte[] a = Arrays.copyOf(data, len + profile.rtpOverhead()); // byte[] protect: room up to a.length
            boolean relayable = len >= RtpHeader.MIN_LENGTH && (data[0] & 0xC0) == 0x80
                    && RtpHeader.payloadOffset(data, 0, len) >= 0;
            int n = alice.protectRtp(a, 0, len);
            if (cryptexProfile(data, len)) {
                assertEquals(SrtpResult.INVALID_PACKET, n, profile + " protectRtp of a cryptex-marked packet");
                assertEquals(SrtpResult.INVALID_PACKET, bob.unprotectRtp(Arrays.copyOf(data, len), 0, len),
                    profile + " unprotectRtp of a cryptex-marked packet");
            } else if (relayable) {
                assertEquals(len + profile.rtpOverhead(), n, profile + " protectRtp of a packet with a valid header: "
                        + SrtpResult.describe(n));
            }
            if (n >= 0) {
                assertEquals(len + profile.rtpOverhead(), n);
                int m = bob.unprotectRtp(a, 0, n);
                assertEquals(len, m, profile + " unprotectRtp of what protectRtp made: " + SrtpResult.describe(m));
                assertArrayEquals(data, Arrays.copyOf(a, len), profile + " RTP round trip");
                if (m >= 0) {
                    rtpHeader(Arrays.copyOf(a, m), 0, m);
                }
            } else {
                assertTrue(!"unknown".equals(SrtpResult.describe(n)), profile + " protectRtp: " + n);
            }
            // RTCP
            byte[] c = Arrays.copyOf(data, len + profile.rtcpOverhead());
            n = alice.protectRtcp(c, 0, len);
            if (len >= 8 && (data[0] & 0xC0) == 0x80) {
                assertEquals(len + profile.rtcpOverhead(), n, profile + " protectRtcp: " + SrtpResult.describe(n));
            }
            if (n >= 0) {
                int m = bob.unprotectRtcp(c, 0, n);
                assertEquals(len, m, profile + " unprotectRtcp of what protectRtcp made: " + SrtpResult.describe(m));
                assertArrayEquals(data, Arrays.copyOf(c, len), profile + " RTCP round trip");
            } else {
                assertTrue(!"unknown".equals(SrtpResult.describe(n)), profile + " protectRtcp: " + n);
            }
        }
    }

    /**
     * True if the RTP header extension's "defined by profile" is 0xC0DE or 0xC2DE, RFC 9335's marks
     * of an encrypted header extension and CSRC list ("cryptex"). jitsi-srtp 1.1's
     * {@code SrtpCryptoContext.reverseTransformPacket} decrypts such packets as cryptex even though
     * {@code SrtpProfile}'s policies never enable it (its policy check applies to sending only), so
     * {@code SrtpSession} refuses them both ways (regression input {@code regression-rtp-ext-profile-c2de}).
     */
    static boolean cryptexProfile(byte[] p, int len) {
        if (len < RtpHeader.MIN_LENGTH || (p[0] & 0x10) == 0) {
            return false;
        }
        int at = RtpHeader.MIN_LENGTH + 4 * (p[0] & 0x0F);
        if (at + 4 > len) {
            return false;
        }
        int profile = ((p[at] & 0xFF) << 8) | (p[at + 1] & 0xFF);
        return profile == 0xC0DE || profile == 0xC2DE;
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static byte[] guarded(byte[] data, int after) {
        byte[] a = new byte[GUARD + data.length + after];
        Arrays.fill(a, GUARD_BYTE);
        System.arraycopy(data, 0, a, GUARD, data.length);
        return a;
    }

    private static void checkGuards(byte[] a, int from, int length, String what) {
        for (int i = 0; i < a.length; i++) {
            if ((i < from || i >= from + length) && a[i] != GUARD_BYTE) {
                throw new AssertionError(what + " wrote at " + (i - from) + " outside the " + length
                        + "-byte packet");
            }
        }
    }

    private static SrtpSession receiver(SrtpProfile profile) {
        byte[] k = key(profile.keyLength(), profile == SrtpProfile.AES128_CM_HMAC_SHA1_80 ? 0x10 : 0x30);
        byte[] s = key(profile.saltLength(), profile == SrtpProfile.AES128_CM_HMAC_SHA1_80 ? 0x40 : 0x70);
        return new SrtpSession(profile, key(profile.keyLength(), 0x90), key(profile.saltLength(), 0xD0), k, s,
                SrtpSession.DEFAULT_MAX_SSRCS);
    }

    /** {@code n} bytes first, first+1, ...: fixed, distinct keys. */
    static byte[] key(int n, int first) {
        byte[] k = new byte[n];
        for (int i = 0; i < n; i++) {
            k[i] = (byte) (first + i);
        }
        return k;
    }

    /** RFC 3711 §4.3.1 with KDR 0: the session key for {@code label} is AES-CM(master key, salt ^ label). */
    private static Mac hmac(byte[] masterKey, byte[] masterSalt, int label) {
        try {
            byte[] iv = new byte[16];
            System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
            iv[7] ^= (byte) label;
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(iv));
            byte[] authKey = aes.doFinal(new byte[20]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authKey, "HmacSHA1"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
