package org.tabphone.sdp.api;

import java.util.Optional;

/**
 * The {@code a=setup} values of RFC 4145 §4 as used by DTLS-SRTP (RFC 5763 §5, RFC 8842): an offer
 * says {@code actpass}; the answer picks {@code active} (it starts the DTLS handshake) or
 * {@code passive}.
 */
public enum Setup {
    ACTIVE("active"),
    PASSIVE("passive"),
    ACTPASS("actpass"),
    HOLDCONN("holdconn");

    private final String value;

    Setup(String value) {
        this.value = value;
    }

    /** The attribute value, e.g. {@code actpass}. */
    public String value() {
        return value;
    }

    /** {@code a=setup:<value>}. */
    public Attribute toAttribute() {
        return Attribute.of("setup", value);
    }

    /** The setup role a value stands for (case-insensitive, surrounding spaces ignored). */
    public static Optional<Setup> fromValue(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        for (Setup s : values()) {
            if (s.value.equalsIgnoreCase(v)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
