package org.tabphone.acl.internal;

import io.netty.util.NetUtil;

/** A network to match source addresses against; {@code any} matches all. Immutable. */
final class Cidr {
    static final Cidr ANY = new Cidr(new byte[0], 0);

    private final byte[] prefix;
    private final int bits;

    private Cidr(byte[] prefix, int bits) {
        this.prefix = prefix;
        this.bits = bits;
    }

    /** From text {@link org.tabphone.acl.api.AclRule} has already checked: a literal, so no DNS. */
    static Cidr parse(String text) {
        if (text.equals("any")) {
            return ANY;
        }
        int slash = text.indexOf('/');
        // NetUtil parses literals only; InetAddress.getByName would look up anything else in DNS
        byte[] addr = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? text : text.substring(0, slash));
        if (addr == null) {
            throw new IllegalArgumentException("not an address: " + text);
        }
        int bits = slash < 0 ? addr.length * 8 : Integer.parseInt(text.substring(slash + 1));
        if (bits > addr.length * 8) {
            throw new IllegalArgumentException("prefix longer than the address: " + text);
        }
        return new Cidr(addr, bits);
    }

    /** For logs: an address's bytes as text. */
    static String text(byte[] address) {
        try {
            return java.net.InetAddress.getByAddress(address).getHostAddress(); // bytes in: no lookup
        } catch (java.net.UnknownHostException e) {
            return "?";
        }
    }

    /** {@code address} as {@code InetAddress.getAddress()} gives it (4 or 16 bytes). */
    boolean matches(byte[] address) {
        if (bits == 0) {
            return this == ANY || address.length == prefix.length;
        }
        if (address.length != prefix.length) {
            return false; // an IPv4 rule never matches an IPv6 source (mapped addresses arrive as IPv4)
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != prefix[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (address[full] & mask) == (prefix[full] & mask);
    }
}
