package org.tabphone.trunk.api;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 prefix ({@code 192.0.2.0/24}, {@code 2001:db8::/32}, or one address). No DNS. */
public record Cidr(byte[] network, int bits) {

    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (!addr.matches("[0-9a-fA-F.:]+")) { // never let InetAddress resolve a name here
            throw new IllegalArgumentException("not an IP address or CIDR: '" + text + "'");
        }
        byte[] net;
        try {
            net = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR: '" + text + "'");
        }
        int bits = net.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
            if (bits < 0 || bits > net.length * 8) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
        }
        return new Cidr(net, bits);
    }

    public boolean contains(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != network.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (b[i] != network[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest);
        return (b[full] & mask) == (network[full] & mask);
    }
}
