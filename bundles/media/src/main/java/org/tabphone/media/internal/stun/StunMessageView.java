package org.tabphone.media.internal.stun;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * A reusable, allocation-free view over one STUN message in a received {@link ByteBuf} (RFC 8489 §5,
 * §14). {@link #parse} checks the header and every attribute's bounds, records where the attributes
 * an ICE-Lite responder needs are, and verifies FINGERPRINT. It never copies or modifies the buffer
 * and never throws on bad input; the result says what was wrong.
 *
 * <p>Rules applied (RFC 8489): the first two bits are zero, the magic cookie is present, the length
 * field is a multiple of 4 and equals the datagram size less 20; each attribute with its padding
 * stays inside the message; padding bytes are ignored whatever their value; only the first of
 * repeated attributes counts; attributes after MESSAGE-INTEGRITY are ignored, except FINGERPRINT;
 * nothing may follow FINGERPRINT.
 *
 * <p>Accessors are only meaningful after {@code parse} returned {@link StunParseResult#OK}, and only
 * while the buffer is alive (the view keeps a reference, not a copy). Not thread-safe: one view per
 * responder / event loop.
 */
public final class StunMessageView {
    /** How many unknown comprehension-required attribute types are remembered for a 420. */
    public static final int MAX_UNKNOWN_ATTRIBUTES = 8;
    /** Value of {@link #priority()} when the message has no PRIORITY. */
    public static final long NO_PRIORITY = -1;

    private final StunFingerprint fingerprint;
    private final int[] unknown = new int[MAX_UNKNOWN_ATTRIBUTES];

    private ByteBuf buf;
    private int start;
    private int length;
    private int type;
    private int usernameIndex;
    private int usernameLength;
    private int integrityIndex;
    private int fingerprintIndex;
    private long priority;
    private boolean useCandidate;
    private boolean iceControlling;
    private boolean iceControlled;
    private boolean tieBreakerSet;
    private long tieBreaker;
    private int xorMappedIndex;
    private int xorMappedLength;
    private int errorCode;
    private int errorReasonIndex;
    private int errorReasonLength;
    private int softwareIndex;
    private int softwareLength;
    private int realmIndex;
    private int realmLength;
    private int nonceIndex;
    private int nonceLength;
    private int unknownCount;

    public StunMessageView() {
        this(new StunFingerprint());
    }

    /** Shares the fingerprint calculator of the owning responder. */
    public StunMessageView(StunFingerprint fingerprint) {
        this.fingerprint = fingerprint;
        reset();
    }

    /** Parses the readable bytes of {@code buf} (one datagram). Does not move the indexes. */
    public StunParseResult parse(ByteBuf buf) {
        return parse(buf, buf.readerIndex(), buf.readableBytes());
    }

    /** Parses the {@code length} bytes at {@code index}, which must be exactly one message. */
    public StunParseResult parse(ByteBuf buf, int index, int length) {
        reset();
        if (index < 0 || length < 0 || index > buf.capacity() - length) {
            return StunParseResult.MALFORMED_HEADER; // caller error, but still no exception
        }
        if (length < StunPacket.HEADER_LENGTH) {
            return StunParseResult.NOT_STUN;
        }
        int t = buf.getUnsignedShort(index);
        if ((t & 0xC000) != 0 || buf.getInt(index + 4) != StunPacket.MAGIC_COOKIE) {
            return StunParseResult.NOT_STUN;
        }
        int messageLength = buf.getUnsignedShort(index + 2);
        if ((messageLength & 3) != 0 || messageLength + StunPacket.HEADER_LENGTH != length
                || length > StunPacket.MAX_MESSAGE_LENGTH) {
            return StunParseResult.MALFORMED_HEADER;
        }
        this.buf = buf;
        this.start = index;
        this.length = length;
        this.type = t;
        int end = index + length;
        int p = index + StunPacket.HEADER_LENGTH;
        while (p < end) {
            if (fingerprintIndex >= 0 || end - p < StunAttribute.HEADER_LENGTH) {
                return StunParseResult.MALFORMED_ATTRIBUTE;
            }
            int attrType = buf.getUnsignedShort(p);
            int valueLength = buf.getUnsignedShort(p + 2);
            int value = p + StunAttribute.HEADER_LENGTH;
            int next = value + StunAttribute.padded(valueLength);
            if (next > end) {
                return StunParseResult.MALFORMED_ATTRIBUTE;
            }
            if (attrType == StunAttribute.FINGERPRINT) {
                if (valueLength != StunAttribute.FINGERPRINT_LENGTH) {
                    return StunParseResult.MALFORMED_ATTRIBUTE;
                }
                fingerprintIndex = p;
            } else if (integrityIndex < 0 && !attribute(attrType, p, value, valueLength)) {
                return StunParseResult.MALFORMED_ATTRIBUTE;
            }
            p = next;
        }
        if (fingerprintIndex >= 0 && !fingerprint.verify(buf, start, fingerprintIndex)) {
            return StunParseResult.BAD_FINGERPRINT;
        }
        return StunParseResult.OK;
    }

    /** Records one attribute before MESSAGE-INTEGRITY; false if its value length is wrong. */
    private boolean attribute(int attrType, int header, int value, int valueLength) {
        switch (attrType) {
            case StunAttribute.USERNAME:
                if (valueLength > StunAttribute.MAX_USERNAME_LENGTH) {
                    return false;
                }
                if (usernameIndex < 0) {
                    usernameIndex = value;
                    usernameLength = valueLength;
                }
                return true;
            case StunAttribute.MESSAGE_INTEGRITY:
                integrityIndex = header;
                return valueLength == StunAttribute.MESSAGE_INTEGRITY_LENGTH;
            case StunAttribute.PRIORITY:
                if (valueLength != 4) {
                    return false;
                }
                if (priority == NO_PRIORITY) {
                    priority = buf.getUnsignedInt(value);
                }
                return true;
            case StunAttribute.USE_CANDIDATE:
                useCandidate = true;
                return valueLength == 0;
            case StunAttribute.ICE_CONTROLLING:
            case StunAttribute.ICE_CONTROLLED:
                if (valueLength != 8) {
                    return false;
                }
                if (attrType == StunAttribute.ICE_CONTROLLING) {
                    iceControlling = true;
                } else {
                    iceControlled = true;
                }
                if (!tieBreakerSet) {
                    tieBreakerSet = true;
                    tieBreaker = buf.getLong(value);
                }
                return true;
            case StunAttribute.XOR_MAPPED_ADDRESS:
                return xorMappedAddress(value, valueLength);
            case StunAttribute.ERROR_CODE:
                return errorCode(value, valueLength);
            case StunAttribute.SOFTWARE:
                if (softwareIndex < 0) {
                    softwareIndex = value;
                    softwareLength = valueLength;
                }
                return true;
            case StunAttribute.REALM:
                if (realmIndex < 0) {
                    realmIndex = value;
                    realmLength = valueLength;
                }
                return true;
            case StunAttribute.NONCE:
                if (nonceIndex < 0) {
                    nonceIndex = value;
                    nonceLength = valueLength;
                }
                return true;
            default:
                if (StunAttribute.isComprehensionRequired(attrType)
                        && !StunAttribute.isKnownComprehensionRequired(attrType)) {
                    if (unknownCount < MAX_UNKNOWN_ATTRIBUTES) {
                        unknown[unknownCount] = attrType;
                    }
                    unknownCount++;
                }
                return true;
        }
    }

    private boolean xorMappedAddress(int value, int valueLength) {
        if (valueLength < 4) {
            return false;
        }
        int family = buf.getUnsignedByte(value + 1);
        if (!(family == StunAttribute.FAMILY_IPV4 && valueLength == 8)
                && !(family == StunAttribute.FAMILY_IPV6 && valueLength == 20)) {
            return false;
        }
        if (xorMappedIndex < 0) {
            xorMappedIndex = value;
            xorMappedLength = valueLength;
        }
        return true;
    }

    private boolean errorCode(int value, int valueLength) {
        if (valueLength < 4) {
            return false;
        }
        int code = (buf.getByte(value + 2) & 0x07) * 100 + buf.getUnsignedByte(value + 3);
        if (code < 300 || code > 699) {
            return false;
        }
        if (errorCode < 0) {
            errorCode = code;
            errorReasonIndex = value + 4;
            errorReasonLength = valueLength - 4;
        }
        return true;
    }

    private void reset() {
        buf = null;
        start = 0;
        length = 0;
        type = -1;
        usernameIndex = -1;
        usernameLength = 0;
        integrityIndex = -1;
        fingerprintIndex = -1;
        priority = NO_PRIORITY;
        useCandidate = false;
        iceControlling = false;
        iceControlled = false;
        tieBreakerSet = false;
        tieBreaker = 0;
        xorMappedIndex = -1;
        xorMappedLength = 0;
        errorCode = -1;
        errorReasonIndex = -1;
        errorReasonLength = 0;
        softwareIndex = -1;
        softwareLength = 0;
        realmIndex = -1;
        realmLength = 0;
        nonceIndex = -1;
        nonceLength = 0;
        unknownCount = 0;
    }

    // ---- header ------------------------------------------------------------------------------

    public ByteBuf buffer() {
        return buf;
    }

    /** Index of the first header byte in {@link #buffer()}. */
    public int start() {
        return start;
    }

    /** Whole message length, header included. */
    public int length() {
        return length;
    }

    public int messageType() {
        return type;
    }

    public boolean isBindingRequest() {
        return type == StunPacket.BINDING_REQUEST;
    }

    public boolean isRequest() {
        return type >= 0 && StunPacket.messageClass(type) == StunPacket.CLASS_REQUEST;
    }

    public int transactionIdIndex() {
        return start + 8;
    }

    public void copyTransactionId(byte[] dst, int dstOffset) {
        buf.getBytes(transactionIdIndex(), dst, dstOffset, StunPacket.TRANSACTION_ID_LENGTH);
    }

    /** True if this message carries the transaction id {@code id} (12 bytes at {@code offset}). */
    public boolean transactionIdEquals(byte[] id, int offset) {
        int t = transactionIdIndex();
        for (int i = 0; i < StunPacket.TRANSACTION_ID_LENGTH; i++) {
            if (buf.getByte(t + i) != id[offset + i]) {
                return false;
            }
        }
        return true;
    }

    // ---- ICE attributes ----------------------------------------------------------------------

    public boolean hasUsername() {
        return usernameIndex >= 0;
    }

    public int usernameIndex() {
        return usernameIndex;
    }

    public int usernameLength() {
        return usernameLength;
    }

    /** USERNAME decoded as UTF-8 (allocates: for logs and tests), or null. */
    public String username() {
        return string(usernameIndex, usernameLength);
    }

    /**
     * RFC 8445 §7.2.2: USERNAME is "receiver-ufrag:sender-ufrag". True if the part before the first
     * colon equals {@code localUfrag} (ASCII bytes). Allocates nothing.
     */
    public boolean usernameLocalPartEquals(byte[] localUfrag) {
        int n = localUfrag.length;
        if (usernameIndex < 0 || usernameLength <= n || buf.getByte(usernameIndex + n) != ':') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf.getByte(usernameIndex + i) != localUfrag[i]) {
                return false;
            }
        }
        return true;
    }

    /** The part of USERNAME before the first colon (our ufrag, for a ufrag index lookup), or null. */
    public String localUfrag() {
        int colon = usernameColon();
        return colon < 0 ? null : string(usernameIndex, colon - usernameIndex);
    }

    /** The part of USERNAME after the first colon (the sender's ufrag), or null. */
    public String remoteUfrag() {
        int colon = usernameColon();
        return colon < 0 ? null : string(colon + 1, usernameIndex + usernameLength - colon - 1);
    }

    private int usernameColon() {
        if (usernameIndex < 0) {
            return -1;
        }
        return buf.indexOf(usernameIndex, usernameIndex + usernameLength, (byte) ':');
    }

    public boolean hasMessageIntegrity() {
        return integrityIndex >= 0;
    }

    /** Index of the MESSAGE-INTEGRITY attribute header, or -1. */
    public int messageIntegrityIndex() {
        return integrityIndex;
    }

    public boolean hasFingerprint() {
        return fingerprintIndex >= 0;
    }

    /** PRIORITY as an unsigned 32-bit value, or {@link #NO_PRIORITY}. */
    public long priority() {
        return priority;
    }

    public boolean useCandidate() {
        return useCandidate;
    }

    public boolean iceControlling() {
        return iceControlling;
    }

    public boolean iceControlled() {
        return iceControlled;
    }

    /** Tie-breaker of the first ICE-CONTROLLING or ICE-CONTROLLED attribute. */
    public long tieBreaker() {
        return tieBreaker;
    }

    /** Number of unknown comprehension-required attributes (RFC 8489 §6.3.1: answer 420). */
    public int unknownAttributeCount() {
        return unknownCount;
    }

    /** The i-th unknown comprehension-required type, i &lt; min(count, {@link #MAX_UNKNOWN_ATTRIBUTES}). */
    public int unknownAttribute(int i) {
        return unknown[i];
    }

    // ---- response attributes (consent checks, tests) -------------------------------------------

    public boolean hasXorMappedAddress() {
        return xorMappedIndex >= 0;
    }

    /** XOR-MAPPED-ADDRESS decoded (allocates), or null. RFC 8489 §14.2. */
    public InetSocketAddress xorMappedAddress() {
        if (xorMappedIndex < 0) {
            return null;
        }
        int port = buf.getUnsignedShort(xorMappedIndex + 2) ^ (StunPacket.MAGIC_COOKIE >>> 16);
        byte[] addr = new byte[xorMappedLength - 4];
        buf.getBytes(xorMappedIndex + 4, addr);
        for (int i = 0; i < addr.length; i++) {
            addr[i] ^= buf.getByte(start + 4 + i); // magic cookie, then the transaction id (IPv6)
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(addr), port);
        } catch (UnknownHostException e) {
            return null; // cannot happen: length is 4 or 16
        }
    }

    /** ERROR-CODE number (300..699), or -1. */
    public int errorCode() {
        return errorCode;
    }

    public String errorReason() {
        return string(errorReasonIndex, errorReasonLength);
    }

    public String software() {
        return string(softwareIndex, softwareLength);
    }

    public String realm() {
        return string(realmIndex, realmLength);
    }

    public String nonce() {
        return string(nonceIndex, nonceLength);
    }

    private String string(int index, int len) {
        return index < 0 ? null : buf.toString(index, len, StandardCharsets.UTF_8);
    }
}
