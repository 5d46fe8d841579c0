package org.tabphone.media.internal.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A certificate fingerprint as carried in SDP {@code a=fingerprint:<hash-func> <hex:hex:...>}
 * (RFC 8122 5). Hash names are the IANA textual names; md2/md5 are refused (RFC 8122 5).
 * Immutable.
 */
public final class DtlsFingerprint {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String hashFunction;
    private final byte[] value;

    private DtlsFingerprint(String hashFunction, byte[] value) {
        this.hashFunction = hashFunction;
        this.value = value;
    }

    /**
     * Parses the attribute value, e.g. {@code "sha-256 AB:CD:..."}. The hash name and hex digits
     * are case-insensitive.
     *
     * @throws IllegalArgumentException if malformed, if the hash is unsupported, or if the length
     *         doesn't match the hash
     */
    public static DtlsFingerprint parse(String attributeValue) {
        if (attributeValue == null) {
            throw new IllegalArgumentException("fingerprint is null");
        }
        String s = attributeValue.trim();
        int sp = s.indexOf(' ');
        if (sp <= 0) {
            throw new IllegalArgumentException("fingerprint is not '<hash-func> <hex>': " + attributeValue);
        }
        String hash = s.substring(0, sp).toLowerCase(Locale.ROOT);
        int digestLength = digest(hash).getDigestLength();
        String hex = s.substring(sp + 1).trim();
        if (hex.length() != digestLength * 3 - 1) {
            throw new IllegalArgumentException("fingerprint has the wrong length for " + hash + ": " + attributeValue);
        }
        byte[] value = new byte[digestLength];
        for (int i = 0; i < digestLength; i++) {
            int p = i * 3;
            if (i > 0 && hex.charAt(p - 1) != ':') {
                throw new IllegalArgumentException("fingerprint bytes must be separated by ':': " + attributeValue);
            }
            int hi = Character.digit(hex.charAt(p), 16);
            int lo = Character.digit(hex.charAt(p + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("fingerprint has a non-hex digit: " + attributeValue);
            }
            value[i] = (byte) (hi << 4 | lo);
        }
        return new DtlsFingerprint(hash, value);
    }

    /** Computes the fingerprint of a DER-encoded certificate with {@code hashFunction} ("sha-256"). */
    public static DtlsFingerprint of(String hashFunction, byte[] certificateDer) {
        String hash = hashFunction.toLowerCase(Locale.ROOT);
        return new DtlsFingerprint(hash, digest(hash).digest(certificateDer));
    }

    /** The hash function's textual name, lower case ("sha-256"). */
    public String hashFunction() {
        return hashFunction;
    }

    /** The digest bytes (a copy). */
    public byte[] value() {
        return value.clone();
    }

    /** True if {@code certificateDer} hashes to this fingerprint. */
    public boolean matches(byte[] certificateDer) {
        return MessageDigest.isEqual(value, digest(hashFunction).digest(certificateDer));
    }

    /** The SDP attribute value: {@code "sha-256 AB:CD:..."}, upper-case hex as RFC 8122 shows it. */
    public String toSdpValue() {
        StringBuilder sb = new StringBuilder(hashFunction.length() + 1 + value.length * 3);
        sb.append(hashFunction).append(' ');
        for (int i = 0; i < value.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(HEX[(value[i] >> 4) & 0xF]).append(HEX[value[i] & 0xF]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DtlsFingerprint
            && hashFunction.equals(((DtlsFingerprint) o).hashFunction)
            && Arrays.equals(value, ((DtlsFingerprint) o).value);
    }

    @Override
    public int hashCode() {
        return hashFunction.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return toSdpValue();
    }

    private static MessageDigest digest(String hash) {
        String jca;
        switch (hash) {
            case "sha-1": jca = "SHA-1"; break;
            case "sha-224": jca = "SHA-224"; break;
            case "sha-256": jca = "SHA-256"; break;
            case "sha-384": jca = "SHA-384"; break;
            case "sha-512": jca = "SHA-512"; break;
            default: throw new IllegalArgumentException("unsupported fingerprint hash function: " + hash);
        }
        try {
            return MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " missing from the JRE", e);
        }
    }
}
