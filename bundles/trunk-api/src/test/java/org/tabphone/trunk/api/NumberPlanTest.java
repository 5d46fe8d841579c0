package org.tabphone.trunk.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** E.164 normalisation (ITU-T E.164: country code + national significant number, at most 15 digits), CIDRs, capacity. */
class NumberPlanTest {
    private final NumberPlan uk = new NumberPlan("44", "0", "00", NumberPlan.Format.E164);

    @Test
    void e164_nationalInternationalAndPlusFormsNormaliseToTheSameNumber() {
        assertEquals(Optional.of("+447700900123"), uk.toE164("07700900123"));
        assertEquals(Optional.of("+447700900123"), uk.toE164("00447700900123"));
        assertEquals(Optional.of("+447700900123"), uk.toE164("+44 7700 900-123"));
        assertEquals(Optional.of("+15550100"), uk.toE164("0015550100"));
    }

    @Test
    void e164_refusesWhatIsNoPhoneNumber() {
        assertTrue(uk.toE164("alice").isEmpty());
        assertTrue(uk.toE164("+1234567890123456").isEmpty(), "16 digits");
        assertTrue(uk.toE164("7700900123").isEmpty(), "no national prefix");
        NumberPlan international = new NumberPlan("", "0", "00", NumberPlan.Format.E164);
        assertTrue(international.toE164("07700900123").isEmpty(), "no country code: national numbers refused");
        assertEquals(Optional.of("+15550100"), international.toE164("+15550100"));
    }

    @Test
    void e164_formatsForTheProvider() {
        assertEquals("447700900123", new NumberPlan("44", "0", "00", NumberPlan.Format.E164_NO_PLUS).format("+447700900123"));
        NumberPlan national = new NumberPlan("44", "0", "00", NumberPlan.Format.NATIONAL);
        assertEquals("07700900123", national.format("+447700900123"));
        assertEquals("+15550100", national.format("+15550100"));
        assertThrows(IllegalArgumentException.class, () -> new NumberPlan("4a", "0", "00", NumberPlan.Format.E164));
    }

    @Test
    void cidr_matchesPrefixesOfBothFamiliesAndNeverResolvesNames() throws Exception {
        Cidr net = Cidr.parse("192.0.2.0/25");
        assertTrue(net.contains(InetAddress.getByName("192.0.2.127")));
        assertFalse(net.contains(InetAddress.getByName("192.0.2.128")));
        assertTrue(Cidr.parse("127.0.0.2").contains(InetAddress.getByName("127.0.0.2")));
        assertFalse(Cidr.parse("127.0.0.2").contains(InetAddress.getByName("127.0.0.1")));
        assertTrue(Cidr.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:1::5")));
        assertFalse(Cidr.parse("2001:db8::/32").contains(InetAddress.getByName("192.0.2.1")));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("provider.example"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
    }

    @Test
    void capacity_countsInboundOutboundAndTotal() {
        Capacity c = new Capacity(2, 1, 2, 503);
        assertTrue(c.allowsInbound(1, 0));
        assertFalse(c.allowsInbound(1, 1), "total 2 reached");
        assertFalse(c.allowsOutbound(0, 1));
        assertTrue(new Capacity(-1, -1, -1, 486).allowsOutbound(1000, 1000));
        assertThrows(IllegalArgumentException.class, () -> new Capacity(1, 1, 1, 404));
    }
}
