package org.tabphone.sip.api.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ViaTest {

    @Test
    void rfc3261_18_2_1_receivedAndRfc3581_rportAreFilledIn() {
        Via v = Via.parse("SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds7;rport");
        Via seen = v.withReceived("192.0.2.4").withRport(9988);
        assertEquals("SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds7;rport=9988;received=192.0.2.4",
                seen.toString());
        assertEquals(OptionalInt.of(9988), seen.rport());
        assertEquals(Via.parse(seen.toString()), seen);
    }

    @Test
    void rfc3261_8_1_1_7_magicCookieBranch() {
        assertTrue(Via.parse("SIP/2.0/UDP h;branch=z9hG4bKabc").isRfc3261Branch());
        assertFalse(Via.parse("SIP/2.0/UDP h;branch=z9hG4bK").isRfc3261Branch());
        assertFalse(Via.parse("SIP/2.0/UDP h;branch=abc").isRfc3261Branch());
        assertFalse(Via.parse("SIP/2.0/UDP h").isRfc3261Branch());
    }

    @Test
    void rfc7118_websocketViaAndIpv6SentBy() {
        Via ws = Via.of("WSS", "df7jal23ls0d.invalid", -1, Parameters.empty().with("branch", "z9hG4bK1"));
        assertEquals("SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK1", ws.toString());
        Via v6 = Via.parse("SIP/2.0/TCP [2001:db8::9]:5060;branch=z9hG4bK2");
        assertEquals("[2001:db8::9]", v6.host());
        assertEquals(5060, v6.port().getAsInt());
        assertThrows(IllegalArgumentException.class, () -> Via.of("W S", "h", -1, Parameters.empty()));
        assertThrows(IllegalArgumentException.class, () -> Via.of("UDP", "h h", -1, Parameters.empty()));
        assertThrows(IllegalArgumentException.class, () -> Via.parse("SIP/2.0/UDP h, SIP/2.0/UDP i"));
        assertThrows(IllegalArgumentException.class, () -> Via.parse("SIP/2.0/UDP h;\r\n branch=1"));
    }
}
