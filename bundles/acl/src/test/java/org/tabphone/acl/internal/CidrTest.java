package org.tabphone.acl.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class CidrTest {
    private static byte[] ip(String s) throws Exception {
        return InetAddress.getByName(s).getAddress();
    }

    @Test
    void ipv4Prefixes() throws Exception {
        Cidr net = Cidr.parse("198.51.100.0/24");
        assertTrue(net.matches(ip("198.51.100.2")));
        assertTrue(net.matches(ip("198.51.100.255")));
        assertFalse(net.matches(ip("198.51.101.2")));
        Cidr odd = Cidr.parse("198.18.0.0/15");
        assertTrue(odd.matches(ip("198.19.200.1")));
        assertFalse(odd.matches(ip("198.20.0.1")));
    }

    @Test
    void aBareAddressIsOneHost() throws Exception {
        Cidr one = Cidr.parse("198.51.100.2");
        assertTrue(one.matches(ip("198.51.100.2")));
        assertFalse(one.matches(ip("198.51.100.3")));
    }

    @Test
    void ipv6Prefixes() throws Exception {
        Cidr net = Cidr.parse("2001:db8:1::/48");
        assertTrue(net.matches(ip("2001:db8:1:ff::1")));
        assertFalse(net.matches(ip("2001:db8:2::1")));
        assertFalse(net.matches(ip("198.51.100.2")), "an IPv6 rule never matches an IPv4 source");
    }

    @Test
    void zeroPrefixMatchesItsFamilyAndAnyMatchesAll() throws Exception {
        assertTrue(Cidr.parse("0.0.0.0/0").matches(ip("192.0.2.1")));
        assertFalse(Cidr.parse("0.0.0.0/0").matches(ip("::1")));
        assertTrue(Cidr.ANY.matches(ip("::1")));
        assertTrue(Cidr.ANY.matches(ip("192.0.2.1")));
    }
}
