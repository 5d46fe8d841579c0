package org.tabphone.acl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.tabphone.transport.api.TransportKind;

class ClientAddressTest {
    private static byte[] ip(String s) throws Exception {
        return InetAddress.getByName(s).getAddress();
    }

    @Test
    void xForwardedForCountsOnlyFromTrustedProxies() throws Exception {
        ClientAddress c = ClientAddress.trusting("127.0.0.1, 10.0.0.0/8");
        assertArrayEquals(ip("198.51.100.2"), c.of(AclFilterTest.flow(TransportKind.WS, "127.0.0.1", "198.51.100.2"), ip("127.0.0.1")));
        assertArrayEquals(ip("198.51.100.2"), c.of(AclFilterTest.flow(TransportKind.WS, "127.0.0.1", "203.0.113.9, 198.51.100.2, 10.0.0.5"),
            ip("127.0.0.1")), "the right-most hop that is not a trusted proxy");
        assertArrayEquals(ip("192.0.2.1"), c.of(AclFilterTest.flow(TransportKind.WS, "192.0.2.1", "198.51.100.2"), ip("192.0.2.1")),
            "an untrusted peer's header is ignored");
        assertArrayEquals(ip("127.0.0.1"), c.of(AclFilterTest.flow(TransportKind.WS, "127.0.0.1", "unknown, evil.example"),
            ip("127.0.0.1")), "garbage: judge the proxy");
        assertArrayEquals(ip("2001:db8::1"), c.of(AclFilterTest.flow(TransportKind.WS, "127.0.0.1", "[2001:db8::1]:4711"),
            ip("127.0.0.1")));
        assertArrayEquals(ip("198.51.100.2"), c.of(AclFilterTest.flow(TransportKind.WS, "127.0.0.1", "198.51.100.2:5555"),
            ip("127.0.0.1")));
        assertArrayEquals(ip("127.0.0.1"), ClientAddress.NO_PROXIES.of(AclFilterTest.flow(TransportKind.WS, "127.0.0.1", "198.51.100.2"),
            ip("127.0.0.1")));
    }

    @Test
    void literalsNeverResolveNames() {
        assertNull(ClientAddress.literal("localhost"));
        assertNull(ClientAddress.literal("999.1.1.1"));
        assertNull(ClientAddress.literal("1:2:3"));
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.trusting("proxy.example"));
        assertThrows(IllegalArgumentException.class, () -> AclRules.parse("deny 1:2:3"));
    }
}
