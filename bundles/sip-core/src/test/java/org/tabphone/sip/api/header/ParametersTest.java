package org.tabphone.sip.api.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParametersTest {

    @Test
    void rfc3261_7_3_1_namesAreCaseInsensitiveAndOrderIsKept() {
        Parameters p = Parameters.builder().add("Branch", "z9hG4bK1").add("rport", null).add("received", "1.2.3.4")
                .build();
        assertEquals(Optional.of("z9hG4bK1"), p.get("branch"));
        assertTrue(p.has("RPORT"));
        assertTrue(p.isFlag("rport"));
        assertEquals(Optional.empty(), p.get("rport"));
        assertEquals(Optional.empty(), p.get("missing"));
        assertEquals(List.of("Branch", "rport", "received"), p.names());
        assertEquals(";Branch=z9hG4bK1;rport;received=1.2.3.4", p.toString());
    }

    @Test
    void withReplacesInPlaceOrAppendsAndWithoutRemoves() {
        Parameters p = Parameters.empty().with("a", "1").with("b", null).with("A", "2");
        assertEquals(";a=2;b", p.toString());
        assertEquals(";b", p.without("a").toString());
        assertSame(Parameters.empty(), p.without("a").without("b"));
        Parameters q = p.without("zzz");
        assertSame(p, q);
    }

    @Test
    void equalityIgnoresOrderAndNameCase() {
        assertEquals(Parameters.empty().with("a", "1").with("b", null), Parameters.empty().with("B", null).with("A", "1"));
        assertEquals(Parameters.empty().with("a", "1").hashCode(), Parameters.empty().with("A", "1").hashCode());
        assertNotEquals(Parameters.empty().with("a", "1"), Parameters.empty().with("a", "2"));
        assertNotEquals(Parameters.empty().with("a", null), Parameters.empty().with("a", ""));
    }

    @Test
    void refusesWhatWouldBreakTheWireForm() {
        assertThrows(IllegalArgumentException.class, () -> Parameters.empty().with("", "x"));
        assertThrows(IllegalArgumentException.class, () -> Parameters.empty().with("a;b", "x"));
        assertThrows(IllegalArgumentException.class, () -> Parameters.empty().with("a", "x;y"));
        assertThrows(IllegalArgumentException.class, () -> Parameters.empty().with("a", "x\r\ny"));
        assertEquals(Optional.of("\"x;y, z\""), Parameters.empty().with("a", "\"x;y, z\"").get("a"));
        assertFalse(Parameters.empty().with("a", "1").isEmpty());
    }
}
