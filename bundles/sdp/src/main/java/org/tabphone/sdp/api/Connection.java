package org.tabphone.sdp.api;

import org.tabphone.sdp.internal.parse.SdpChars;

/**
 * A {@code c=} line (RFC 8866 §5.7): {@code c=<nettype> <addrtype> <connection-address>}. The
 * address is kept as written, including a multicast {@code /ttl} or {@code /count} suffix.
 *
 * @param netType  {@code IN}
 * @param addrType {@code IP4} or {@code IP6}
 * @param address  the address, host name, or {@code 0.0.0.0} for an RFC 2543-style hold
 */
public record Connection(String netType, String addrType, String address) {
    /** RFC 2543 §B.5 (and RFC 3264 §8.4, for compatibility): {@code c=IN IP4 0.0.0.0} puts a stream on hold. */
    public static final String HOLD_ADDRESS = "0.0.0.0";

    /** @throws IllegalArgumentException if a field is empty or holds a space, tab, NUL, CR or LF */
    public Connection {
        for (String f : new String[] {netType, addrType, address}) {
            if (!SdpChars.isField(f)) {
                throw new IllegalArgumentException("Bad c= field: " + (f == null ? null : SdpChars.excerpt(f, 40)));
            }
        }
    }

    /** {@code IN IP4 <address>} or {@code IN IP6 <address>}, by whether the address contains a colon. */
    public static Connection of(String address) {
        return new Connection("IN", addrTypeOf(address), address);
    }

    /** Whether this is the old-style hold address {@code 0.0.0.0} (with or without a {@code /ttl}). */
    public boolean isHoldAddress() {
        return address.equals(HOLD_ADDRESS) || address.startsWith(HOLD_ADDRESS + "/");
    }

    /** The line value, without {@code c=}. */
    public String encode() {
        return netType + " " + addrType + " " + address;
    }

    @Override
    public String toString() {
        return "c=" + encode();
    }

    static String addrTypeOf(String address) {
        return address != null && address.indexOf(':') >= 0 ? "IP6" : "IP4";
    }
}
