package org.tabphone.sdp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OriginTest {
    @Test
    void nextVersionCountsBeyondLong() {
        Origin o = new Origin("-", "1", "9223372036854775807", "IN", "IP4", "192.0.2.1");
        assertEquals(Long.MAX_VALUE, o.sessionVersionAsLong());
        Origin next = o.withNextVersion();
        assertEquals("9223372036854775808", next.sessionVersion());
        assertEquals(-1, next.sessionVersionAsLong(), "does not fit a long any more");
        assertEquals("9223372036854775809", next.withNextVersion().sessionVersion());
        assertEquals("1", new Origin("-", "1", "v1", "IN", "IP4", "x").withNextVersion().sessionVersion());
    }

    @Test
    void factoryPicksTheAddressType() {
        assertEquals("tabphone 7 1 IN IP6 2001:db8::1", Origin.of("tabphone", 7, 1, "2001:db8::1").encode());
        assertEquals("IP4", Origin.of("tabphone", 7, 1, "192.0.2.1").withAddress("192.0.2.2").addrType());
        assertEquals("IP6", Origin.of("tabphone", 7, 1, "192.0.2.1").withAddress("::1").addrType());
        assertEquals("5", Origin.of("t", 7, 1, "h").withSessionVersion(5).sessionVersion());
    }

    @Test
    void rejectsFieldsThatCannotBeWritten() {
        assertThrows(IllegalArgumentException.class, () -> new Origin("a b", "1", "1", "IN", "IP4", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Origin("", "1", "1", "IN", "IP4", "x"));
        assertThrows(IllegalArgumentException.class, () -> Origin.of("a", -1, 1, "x"));
    }
}
