package org.tabphone.sdp.api;

import java.math.BigInteger;
import org.tabphone.sdp.internal.parse.SdpChars;

/**
 * The {@code o=} line (RFC 8866 §5.2):
 * {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}.
 *
 * <p>The session id and version are kept as written (RFC 8866 makes them digits, and browsers use up
 * to 19 of them, but not every peer keeps to that), so they round-trip unchanged;
 * {@link #withNextVersion()} increments the version as a number of any size. RFC 3264 §8: every new
 * offer or answer in a session carries the previous version plus one.
 *
 * @param username       {@code -} when there is none
 * @param sessionId      the session id as written
 * @param sessionVersion the version as written
 * @param netType        {@code IN}
 * @param addrType       {@code IP4} or {@code IP6}
 * @param address        the originator's address or host name
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType,
        String address) {

    /** @throws IllegalArgumentException if a field is empty or holds a space, tab, NUL, CR or LF */
    public Origin {
        check(username, "username");
        check(sessionId, "session id");
        check(sessionVersion, "session version");
        check(netType, "net type");
        check(addrType, "address type");
        check(address, "address");
    }

    /**
     * {@code o=<username> <sessionId> <sessionVersion> IN IP4|IP6 <address>}, the address type taken
     * from the address (IP6 when it contains a colon).
     */
    public static Origin of(String username, long sessionId, long sessionVersion, String address) {
        if (sessionId < 0 || sessionVersion < 0) {
            throw new IllegalArgumentException("Session id and version must not be negative");
        }
        return new Origin(username, Long.toString(sessionId), Long.toString(sessionVersion), "IN",
                Connection.addrTypeOf(address), address);
    }

    /** This origin with another session version. */
    public Origin withSessionVersion(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("Session version must not be negative");
        }
        return new Origin(username, sessionId, Long.toString(version), netType, addrType, address);
    }

    /** This origin with another address (and the matching address type). */
    public Origin withAddress(String address) {
        return new Origin(username, sessionId, sessionVersion, netType, Connection.addrTypeOf(address), address);
    }

    /**
     * This origin with the session version plus one. A version that is not a number (which RFC 8866
     * does not allow) counts as 0, so the result is {@code 1}.
     */
    public Origin withNextVersion() {
        BigInteger next = isDigits(sessionVersion) ? new BigInteger(sessionVersion).add(BigInteger.ONE)
                : BigInteger.ONE;
        return new Origin(username, sessionId, next.toString(), netType, addrType, address);
    }

    /** The session version as a long, or -1 when it is not a number that fits one. */
    public long sessionVersionAsLong() {
        return SdpChars.parseUnsigned(sessionVersion);
    }

    /** The session id as a long, or -1 when it is not a number that fits one. */
    public long sessionIdAsLong() {
        return SdpChars.parseUnsigned(sessionId);
    }

    /** The line value, without {@code o=}. */
    public String encode() {
        return username + " " + sessionId + " " + sessionVersion + " " + netType + " " + addrType + " " + address;
    }

    @Override
    public String toString() {
        return "o=" + encode();
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 1000) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static void check(String field, String what) {
        if (!SdpChars.isField(field)) {
            throw new IllegalArgumentException("Bad o= " + what + ": " + (field == null ? null : SdpChars.excerpt(field, 40)));
        }
    }
}
