package org.tabphone.media.internal.stun;

/** Outcome of {@link StunMessageView#parse}: the parser never throws on bad input. */
public enum StunParseResult {
    /** Well-formed; FINGERPRINT, if present, verified. */
    OK,
    /** Not STUN at all: first two bits not zero, no magic cookie, or shorter than a header. */
    NOT_STUN,
    /** Header length field not a multiple of 4, or not matching the datagram size, or too large. */
    MALFORMED_HEADER,
    /** An attribute overruns the message, has a wrong value length, or follows FINGERPRINT. */
    MALFORMED_ATTRIBUTE,
    /** FINGERPRINT present but wrong (RFC 8489 §7.3: discard). */
    BAD_FINGERPRINT
}
