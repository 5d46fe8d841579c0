package org.tabphone.sdp.api;

import java.util.Optional;
import org.tabphone.sdp.internal.parse.SdpChars;

/**
 * An {@code a=fingerprint:<hash-func> <fingerprint>} value (RFC 8122 §5): the hash of the DTLS
 * certificate, e.g. {@code sha-256 6B:8B:...:BC}.
 *
 * @param hashFunction e.g. {@code sha-256}, as written
 * @param value        upper-case hex pairs separated by colons, as written
 */
public record Fingerprint(String hashFunction, String value) {
    /** @throws IllegalArgumentException if either is empty or holds a space, tab, NUL, CR or LF */
    public Fingerprint {
        if (!SdpChars.isField(hashFunction) || !SdpChars.isField(value)) {
            throw new IllegalArgumentException("Bad fingerprint");
        }
    }

    /**
     * Parses the attribute value.
     *
     * @return empty when it is not two fields
     */
    public static Optional<Fingerprint> parse(String attributeValue) {
        String[] f = SdpChars.fields(attributeValue);
        return f.length == 2 ? Optional.of(new Fingerprint(f[0], f[1])) : Optional.empty();
    }

    /** Whether this is the same fingerprint as {@code other}: case-insensitive, as RFC 8122 §5 allows. */
    public boolean matches(Fingerprint other) {
        return hashFunction.equalsIgnoreCase(other.hashFunction) && value.equalsIgnoreCase(other.value);
    }

    /** The attribute value: {@code <hash-func> <fingerprint>}. */
    public String encode() {
        return hashFunction + " " + value;
    }

    /** {@code a=fingerprint:<hash-func> <fingerprint>}. */
    public Attribute toAttribute() {
        return Attribute.of("fingerprint", encode());
    }

    @Override
    public String toString() {
        return "a=fingerprint:" + encode();
    }
}
