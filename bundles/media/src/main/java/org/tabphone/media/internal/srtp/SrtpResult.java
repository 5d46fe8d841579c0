package org.tabphone.media.internal.srtp;

/**
 * Failure codes returned by {@link SrtpSession}'s protect and unprotect methods instead of a length.
 * All are negative, so {@code result < 0} means the packet must be dropped (and counted).
 */
public final class SrtpResult {
    /** Authentication tag (HMAC or GCM) did not match. */
    public static final int AUTH_FAIL = -1;
    /** Already received (RFC 3711 §3.3.2 replay list). */
    public static final int REPLAY = -2;
    /** Older than the 64-packet replay window. */
    public static final int REPLAY_OLD = -3;
    /** Too short, not RTP/RTCP version 2, or header lengths exceed the packet. */
    public static final int INVALID_PACKET = -4;
    /** Not enough room after the packet for the tag (protect), or packet larger than the scratch area. */
    public static final int NO_ROOM = -5;
    /** The cipher failed (e.g. JCE refusing a repeated GCM IV when a sequence number is re-sent). */
    public static final int CRYPTO_FAIL = -6;
    /** New SSRC but the per-session SSRC limit is reached. */
    public static final int TOO_MANY_SSRCS = -7;

    private SrtpResult() {
    }

    public static boolean isFailure(int result) {
        return result < 0;
    }

    /** Name of a result for logs and counters. */
    public static String describe(int result) {
        switch (result) {
            case AUTH_FAIL: return "auth-fail";
            case REPLAY: return "replay";
            case REPLAY_OLD: return "replay-old";
            case INVALID_PACKET: return "invalid-packet";
            case NO_ROOM: return "no-room";
            case CRYPTO_FAIL: return "crypto-fail";
            case TOO_MANY_SSRCS: return "too-many-ssrcs";
            default: return result >= 0 ? "ok" : "unknown";
        }
    }
}
