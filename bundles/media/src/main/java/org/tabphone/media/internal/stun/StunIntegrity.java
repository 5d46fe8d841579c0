package org.tabphone.media.internal.stun;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY (RFC 8489 §14.5) with one key: HMAC-SHA1 over the message up to the attribute,
 * with the header length field counting the attribute itself (the RFC's "adjusted length").
 *
 * <p>For ICE short-term credentials the key is the password (RFC 8445 §7.2.2): the local ice-pwd to
 * check a received request and to sign our response. The {@link Mac} is created and keyed once, in
 * the constructor, never per packet. The received message is never modified: the adjusted length is
 * fed to the MAC from a scratch array.
 *
 * <p>Threading: not thread-safe. One instance per media session, used only on the session's event
 * loop (one responder per Netty channel / event loop).
 */
public final class StunIntegrity {
    private final Mac mac;
    private final byte[] header = new byte[4];
    private final byte[] digest = new byte[20];
    private final byte[] scratch = new byte[64];

    /** Short-term credential: the key is the password's UTF-8 bytes (ICE passwords are ASCII). */
    public static StunIntegrity shortTerm(String password) {
        return new StunIntegrity(password.getBytes(StandardCharsets.UTF_8));
    }

    /** Any HMAC-SHA1 key, e.g. a long-term credential key MD5(username:realm:password). */
    public StunIntegrity(byte[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("empty STUN key");
        }
        try {
            mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 not available", e);
        }
    }

    /**
     * Checks the MESSAGE-INTEGRITY attribute of a parsed message. Returns false when the message has
     * none. Constant-time comparison; allocates nothing beyond what the JCE {@code Mac} does.
     */
    public boolean verify(StunMessageView message) {
        int attr = message.messageIntegrityIndex();
        if (attr < 0) {
            return false;
        }
        ByteBuf buf = message.buffer();
        compute(buf, message.start(), attr);
        int value = attr + StunAttribute.HEADER_LENGTH;
        int diff = 0;
        for (int i = 0; i < StunAttribute.MESSAGE_INTEGRITY_LENGTH; i++) {
            diff |= digest[i] ^ buf.getByte(value + i);
        }
        return diff == 0;
    }

    /**
     * Computes MESSAGE-INTEGRITY for the message at {@code start} whose attribute header will be at
     * {@code attrIndex}, into an internal array, and writes the 20 bytes at {@code out} index
     * {@code attrIndex + 4}. The bytes before {@code attrIndex} must be final.
     */
    void writeValue(ByteBuf out, int start, int attrIndex) {
        compute(out, start, attrIndex);
        out.setBytes(attrIndex + StunAttribute.HEADER_LENGTH, digest, 0, digest.length);
    }

    private void compute(ByteBuf buf, int start, int attrIndex) {
        // The length field as it would be if MESSAGE-INTEGRITY were the last attribute.
        int adjustedLength = attrIndex - start - StunPacket.HEADER_LENGTH
                + StunAttribute.HEADER_LENGTH + StunAttribute.MESSAGE_INTEGRITY_LENGTH;
        header[0] = buf.getByte(start);
        header[1] = buf.getByte(start + 1);
        header[2] = (byte) (adjustedLength >>> 8);
        header[3] = (byte) adjustedLength;
        mac.update(header, 0, 4);
        update(buf, start + 4, attrIndex - start - 4);
        try {
            mac.doFinal(digest, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e); // cannot happen: 20-byte array for HMAC-SHA1
        }
    }

    private void update(ByteBuf buf, int index, int length) {
        if (buf.hasArray()) {
            mac.update(buf.array(), buf.arrayOffset() + index, length);
            return;
        }
        int i = index;
        int end = index + length;
        while (i < end) {
            int n = Math.min(scratch.length, end - i);
            buf.getBytes(i, scratch, 0, n);
            mac.update(scratch, 0, n);
            i += n;
        }
    }
}
