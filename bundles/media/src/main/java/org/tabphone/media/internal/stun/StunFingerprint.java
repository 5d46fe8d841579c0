package org.tabphone.media.internal.stun;

import io.netty.buffer.ByteBuf;
import java.util.zip.CRC32;

/**
 * FINGERPRINT (RFC 8489 §14.7): CRC-32 of the message up to the attribute, with the header length
 * already counting the FINGERPRINT attribute, XOR 0x5354554E.
 *
 * <p>Holds a reusable {@link CRC32} and a small scratch array, so computing a fingerprint allocates
 * nothing. Not thread-safe: one instance per responder / event loop.
 */
public final class StunFingerprint {
    private final CRC32 crc = new CRC32();
    private final byte[] scratch = new byte[64];

    /**
     * The FINGERPRINT value of the {@code length} bytes at {@code index}, which must already carry a
     * header length that includes the FINGERPRINT attribute.
     */
    public int compute(ByteBuf buf, int index, int length) {
        crc.reset();
        if (buf.hasArray()) {
            crc.update(buf.array(), buf.arrayOffset() + index, length);
        } else {
            int i = index;
            int end = index + length;
            while (i < end) {
                int n = Math.min(scratch.length, end - i);
                buf.getBytes(i, scratch, 0, n);
                crc.update(scratch, 0, n);
                i += n;
            }
        }
        return (int) crc.getValue() ^ StunPacket.FINGERPRINT_XOR;
    }

    /**
     * Verifies a FINGERPRINT attribute whose header starts at {@code attrIndex} in the message at
     * {@code start}. The received header length must already cover it, since FINGERPRINT is last.
     */
    boolean verify(ByteBuf buf, int start, int attrIndex) {
        int expected = compute(buf, start, attrIndex - start);
        return expected == buf.getInt(attrIndex + StunAttribute.HEADER_LENGTH);
    }
}
