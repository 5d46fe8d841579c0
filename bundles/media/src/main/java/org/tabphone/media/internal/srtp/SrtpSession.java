package org.tabphone.media.internal.srtp;

import io.netty.buffer.ByteBuf;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;
import org.tabphone.media.internal.RtpHeader;

/**
 * SRTP and SRTCP for one DTLS-SRTP association (RFC 3711, RFC 5764 §4.2, RFC 7714): a sending side
 * keyed with our write key and a receiving side keyed with the peer's, each with one jitsi-srtp
 * crypto context per SSRC (RTP) and per sender SSRC (RTCP), derived on first use with ROC 0.
 *
 * <p>All methods work in place. {@code protect*} needs room after the packet for the tag (and for
 * SRTCP the 4-byte index): {@link SrtpProfile#rtpOverhead()}, {@link SrtpProfile#rtcpOverhead()}.
 * They return the new length, or a negative {@link SrtpResult} code; nothing throws on bad input.
 * The caller has already demultiplexed RTP from RTCP (RFC 5761 §4: second byte 192..223 is RTCP).
 *
 * <p>Receiving: a context for an unknown SSRC is kept only if the packet that created it
 * authenticates, so forged SSRCs cannot fill the table; at most {@code maxSsrcs} per direction and
 * kind. Replay protection is jitsi's 64-packet window (RFC 3711 §3.3.2).
 *
 * <p>{@code LinkageError}s from jitsi-srtp are caught too and reported as
 * {@link SrtpResult#CRYPTO_FAIL}: if JNA cannot initialise (no writable temp directory for its
 * dispatch library), jitsi's {@code JitsiOpenSslProvider} class fails to initialise with a
 * {@code NoClassDefFoundError} and every context derivation fails; {@link SrtpBackend#describe()}
 * says so at activation.
 *
 * <p>Threading: the sending side ({@code protect*}) and the receiving side ({@code unprotect*}) each
 * must be used by one thread at a time (the session's event loop); the two sides share no mutable
 * state, so they may run on different threads. No allocation per packet in this class; jitsi-srtp's
 * JCE path allocates small objects per packet (IV specs, the HMAC result).
 */
public final class SrtpSession implements AutoCloseable {
    public static final int DEFAULT_MAX_SSRCS = 8;
    /** Largest packet the direct-{@code ByteBuf} path copies through its scratch array. */
    public static final int MAX_PACKET = 2048;

    private static final Logger LOGGER = new LoggerImpl(SrtpSession.class.getName());
    private static final int PROTECT_RTP = 0;
    private static final int UNPROTECT_RTP = 1;
    private static final int PROTECT_RTCP = 2;
    private static final int UNPROTECT_RTCP = 3;

    private final SrtpProfile profile;
    private final SrtpContextFactory sendFactory;
    private final SrtpContextFactory receiveFactory;
    private final SsrcTable<SrtpCryptoContext> sendRtp;
    private final SsrcTable<SrtcpCryptoContext> sendRtcp;
    private final SsrcTable<SrtpCryptoContext> receiveRtp;
    private final SsrcTable<SrtcpCryptoContext> receiveRtcp;
    private final PacketBuffer sendPacket = new PacketBuffer();
    private final PacketBuffer receivePacket = new PacketBuffer();
    private byte[] sendScratch;
    private byte[] receiveScratch;

    /**
     * Builds the session from the DTLS exporter output ("EXTRACTOR-dtls_srtp", RFC 5764 §4.2):
     * client_write_key | server_write_key | client_write_salt | server_write_salt. The DTLS client
     * sends with the client keys.
     *
     * @throws IllegalArgumentException if the material has the wrong length for the profile
     */
    public static SrtpSession fromDtlsKeyingMaterial(SrtpProfile profile, byte[] material, boolean dtlsClient) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (material.length != profile.keyingMaterialLength()) {
            throw new IllegalArgumentException("keying material is " + material.length + " bytes, "
                    + profile + " needs " + profile.keyingMaterialLength());
        }
        byte[] clientKey = Arrays.copyOfRange(material, 0, k);
        byte[] serverKey = Arrays.copyOfRange(material, k, 2 * k);
        byte[] clientSalt = Arrays.copyOfRange(material, 2 * k, 2 * k + s);
        byte[] serverSalt = Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s);
        try {
            return dtlsClient
                    ? new SrtpSession(profile, clientKey, clientSalt, serverKey, serverSalt, DEFAULT_MAX_SSRCS)
                    : new SrtpSession(profile, serverKey, serverSalt, clientKey, clientSalt, DEFAULT_MAX_SSRCS);
        } finally {
            Arrays.fill(clientKey, (byte) 0);
            Arrays.fill(serverKey, (byte) 0);
            Arrays.fill(clientSalt, (byte) 0);
            Arrays.fill(serverSalt, (byte) 0);
        }
    }

    /** As above with the negotiated {@code use_srtp} profile id (0x0001, 0x0002, 0x0007, 0x0008). */
    public static SrtpSession fromDtlsKeyingMaterial(int profileId, byte[] material, boolean dtlsClient) {
        SrtpProfile profile = SrtpProfile.fromId(profileId);
        if (profile == null) {
            throw new IllegalArgumentException("unsupported SRTP protection profile 0x"
                    + Integer.toHexString(profileId));
        }
        return fromDtlsKeyingMaterial(profile, material, dtlsClient);
    }

    /** Master keys and salts given directly (tests, SDES). The arrays are copied. */
    public SrtpSession(SrtpProfile profile, byte[] sendKey, byte[] sendSalt, byte[] receiveKey,
            byte[] receiveSalt, int maxSsrcs) {
        this.profile = profile;
        this.sendFactory = new SrtpContextFactory(true, sendKey, sendSalt,
                profile.rtpPolicy(), profile.rtcpPolicy(), LOGGER);
        this.receiveFactory = new SrtpContextFactory(false, receiveKey, receiveSalt,
                profile.rtpPolicy(), profile.rtcpPolicy(), LOGGER);
        this.sendRtp = new SsrcTable<>(maxSsrcs);
        this.sendRtcp = new SsrcTable<>(maxSsrcs);
        this.receiveRtp = new SsrcTable<>(maxSsrcs);
        this.receiveRtcp = new SsrcTable<>(maxSsrcs);
    }

    public SrtpProfile profile() {
        return profile;
    }

    // ---- byte[] API ---------------------------------------------------------------------------

    /** Encrypts and authenticates an RTP packet; needs {@code rtpOverhead()} bytes free after it. */
    public int protectRtp(byte[] buf, int off, int len) {
        if (!checkBounds(buf, off, len) || cryptexHeader(buf, off, len)) {
            return SrtpResult.INVALID_PACKET;
        }
        return protectRtp(buf, off, len, buf.length);
    }

    /** Authenticates, replay-checks and decrypts an SRTP packet; returns the RTP length. */
    public int unprotectRtp(byte[] buf, int off, int len) {
        if (!checkBounds(buf, off, len) || cryptexHeader(buf, off, len)) {
            return SrtpResult.INVALID_PACKET;
        }
        return unprotectRtp(buf, off, len, off + len);
    }

    /**
     * RTP with header-extension profile 0xC0DE/0xC2DE announces RFC 9335 cryptex, which we never
     * negotiate; jitsi-srtp's receiver would treat it as cryptex anyway and garble it, so such packets
     * are refused both ways (found by MediaPacketFuzzTest).
     */
    static boolean cryptexHeader(byte[] buf, int off, int len) {
        int profile = RtpHeader.extensionProfile(buf, off, len);
        return profile == 0xC0DE || profile == 0xC2DE;
    }

    /** Encrypts and authenticates a compound RTCP packet; needs {@code rtcpOverhead()} bytes free. */
    public int protectRtcp(byte[] buf, int off, int len) {
        return checkBounds(buf, off, len) ? protectRtcp(buf, off, len, buf.length) : SrtpResult.INVALID_PACKET;
    }

    /** Authenticates, replay-checks and decrypts an SRTCP packet; returns the RTCP length. */
    public int unprotectRtcp(byte[] buf, int off, int len) {
        return checkBounds(buf, off, len) ? unprotectRtcp(buf, off, len, off + len) : SrtpResult.INVALID_PACKET;
    }

    // ---- ByteBuf API: the readable bytes are the packet; the writer index follows the new length ----

    public int protectRtp(ByteBuf packet) {
        return apply(packet, PROTECT_RTP, profile.rtpOverhead());
    }

    public int unprotectRtp(ByteBuf packet) {
        return apply(packet, UNPROTECT_RTP, 0);
    }

    public int protectRtcp(ByteBuf packet) {
        return apply(packet, PROTECT_RTCP, profile.rtcpOverhead());
    }

    public int unprotectRtcp(ByteBuf packet) {
        return apply(packet, UNPROTECT_RTCP, 0);
    }

    /** Zeroes the master keys and forgets all contexts. */
    @Override
    public void close() {
        sendFactory.close();
        receiveFactory.close();
        sendRtp.clear();
        sendRtcp.clear();
        receiveRtp.clear();
        receiveRtcp.clear();
    }

    // ---- internals ----------------------------------------------------------------------------

    private int apply(ByteBuf packet, int op, int overhead) {
        int index = packet.readerIndex();
        int len = packet.readableBytes();
        if (packet.writableBytes() < overhead) {
            if (packet.maxWritableBytes() < overhead) {
                return SrtpResult.NO_ROOM;
            }
            packet.ensureWritable(overhead);
        }
        int result;
        if (packet.hasArray()) {
            int base = packet.arrayOffset();
            // limit = end of this ByteBuf's capacity: a pooled array is shared with other buffers.
            result = dispatch(op, packet.array(), base + index, len, base + packet.capacity());
        } else {
            byte[] scratch = scratch(op);
            if (len + overhead > scratch.length) {
                return SrtpResult.NO_ROOM;
            }
            packet.getBytes(index, scratch, 0, len);
            result = dispatch(op, scratch, 0, len, scratch.length);
            if (result >= 0) {
                packet.setBytes(index, scratch, 0, result);
            }
        }
        if (result >= 0) {
            packet.writerIndex(index + result);
        }
        return result;
    }

    private byte[] scratch(int op) {
        if (op == PROTECT_RTP || op == PROTECT_RTCP) {
            if (sendScratch == null) {
                sendScratch = new byte[MAX_PACKET];
            }
            return sendScratch;
        }
        if (receiveScratch == null) {
            receiveScratch = new byte[MAX_PACKET];
        }
        return receiveScratch;
    }

    private int dispatch(int op, byte[] buf, int off, int len, int limit) {
        switch (op) {
            case PROTECT_RTP:
                return protectRtp(buf, off, len, limit);
            case UNPROTECT_RTP:
                return unprotectRtp(buf, off, len, limit);
            case PROTECT_RTCP:
                return protectRtcp(buf, off, len, limit);
            default:
                return unprotectRtcp(buf, off, len, limit);
        }
    }

    private int protectRtp(byte[] buf, int off, int len, int limit) {
        if (RtpHeader.headerLength(buf, off, len) < 0) {
            return SrtpResult.INVALID_PACKET;
        }
        if (limit - off - len < profile.rtpOverhead()) {
            return SrtpResult.NO_ROOM;
        }
        int ssrc = RtpHeader.readInt(buf, off + 8);
        SrtpCryptoContext context = sendRtp.get(ssrc);
        try {
            if (context == null) {
                if (sendRtp.isFull()) {
                    return SrtpResult.TOO_MANY_SSRCS;
                }
                context = sendFactory.deriveContext(ssrc, 0);
                sendRtp.put(ssrc, context);
            }
            sendPacket.wrap(buf, off, len, limit);
            return result(context.transformPacket(sendPacket), sendPacket);
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            return SrtpResult.CRYPTO_FAIL;
        } finally {
            sendPacket.clear();
        }
    }

    private int unprotectRtp(byte[] buf, int off, int len, int limit) {
        if (len < RtpHeader.MIN_LENGTH + profile.rtpOverhead() || !RtpHeader.isVersion2(buf[off])) {
            return SrtpResult.INVALID_PACKET;
        }
        int ssrc = RtpHeader.readInt(buf, off + 8);
        SrtpCryptoContext context = receiveRtp.get(ssrc);
        boolean fresh = context == null;
        try {
            if (fresh) {
                if (receiveRtp.isFull()) {
                    return SrtpResult.TOO_MANY_SSRCS;
                }
                context = receiveFactory.deriveContext(ssrc, 0);
            }
            receivePacket.wrap(buf, off, len, limit);
            int result = result(context.reverseTransformPacket(receivePacket, false), receivePacket);
            if (fresh && result >= 0) {
                receiveRtp.put(ssrc, context);
            }
            return result;
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            return SrtpResult.CRYPTO_FAIL;
        } finally {
            receivePacket.clear();
        }
    }

    private int protectRtcp(byte[] buf, int off, int len, int limit) {
        if (len < RtpHeader.RTCP_MIN_LENGTH || !RtpHeader.isVersion2(buf[off])) {
            return SrtpResult.INVALID_PACKET;
        }
        if (limit - off - len < profile.rtcpOverhead()) {
            return SrtpResult.NO_ROOM;
        }
        int ssrc = RtpHeader.readInt(buf, off + 4);
        SrtcpCryptoContext context = sendRtcp.get(ssrc);
        try {
            if (context == null) {
                if (sendRtcp.isFull()) {
                    return SrtpResult.TOO_MANY_SSRCS;
                }
                context = sendFactory.deriveControlContext(ssrc);
                sendRtcp.put(ssrc, context);
            }
            sendPacket.wrap(buf, off, len, limit);
            return result(context.transformPacket(sendPacket), sendPacket);
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            return SrtpResult.CRYPTO_FAIL;
        } finally {
            sendPacket.clear();
        }
    }

    private int unprotectRtcp(byte[] buf, int off, int len, int limit) {
        if (len < RtpHeader.RTCP_MIN_LENGTH + profile.rtcpOverhead() || !RtpHeader.isVersion2(buf[off])) {
            return SrtpResult.INVALID_PACKET;
        }
        if (profile.isAead() && (buf[off + len - 4] & 0x80) == 0) {
            // E flag clear: RFC 7714 §9.3 authenticated-only SRTCP. jitsi-srtp 1.1's GCM path for it
            // reads the tag and AAD at the wrong places, so refuse it; browsers always encrypt SRTCP.
            return SrtpResult.INVALID_PACKET;
        }
        int ssrc = RtpHeader.readInt(buf, off + 4);
        SrtcpCryptoContext context = receiveRtcp.get(ssrc);
        boolean fresh = context == null;
        try {
            if (fresh) {
                if (receiveRtcp.isFull()) {
                    return SrtpResult.TOO_MANY_SSRCS;
                }
                context = receiveFactory.deriveControlContext(ssrc);
            }
            receivePacket.wrap(buf, off, len, limit);
            int result = result(context.reverseTransformPacket(receivePacket), receivePacket);
            if (fresh && result >= 0) {
                receiveRtcp.put(ssrc, context);
            }
            return result;
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            return SrtpResult.CRYPTO_FAIL;
        } finally {
            receivePacket.clear();
        }
    }

    private static int result(SrtpErrorStatus status, PacketBuffer packet) {
        switch (status) {
            case OK:
                return packet.overflowed() ? SrtpResult.NO_ROOM : packet.getLength();
            case AUTH_FAIL:
                return SrtpResult.AUTH_FAIL;
            case REPLAY_FAIL:
                return SrtpResult.REPLAY;
            case REPLAY_OLD:
                return SrtpResult.REPLAY_OLD;
            case INVALID_PACKET:
                return SrtpResult.INVALID_PACKET;
            default:
                return SrtpResult.CRYPTO_FAIL;
        }
    }

    private static boolean checkBounds(byte[] buf, int off, int len) {
        return buf != null && off >= 0 && len > 0 && len <= buf.length - off;
    }
}
