package org.tabphone.sip.api.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.sip.api.uri.Uri;

class NameAddressTest {

    @Test
    void rfc3261_20_10_writesAddrSpecWhenItCanAndNameAddrWhenItMust() {
        assertEquals("sip:alice@atlanta.com;tag=1", NameAddress.of(Uri.parse("sip:alice@atlanta.com")).withTag("1")
                .toString());
        assertEquals("<sip:alice@atlanta.com;transport=tcp>;tag=1",
                NameAddress.of(Uri.parse("sip:alice@atlanta.com;transport=tcp")).withTag("1").toString());
        assertEquals("<sip:alice@atlanta.com?subject=x>", NameAddress.of(Uri.parse("sip:alice@atlanta.com?subject=x"))
                .toString());
        assertEquals("<sip:a,b@h>", NameAddress.of(Uri.parse("sip:a,b@h")).toString());
    }

    @Test
    void rfc3261_25_1_displayNameIsQuotedAndEscaped() {
        NameAddress a = NameAddress.of("J \"Jim\" \\ R", SipUri.parse("sip:j@h"), Parameters.empty());
        assertEquals("\"J \\\"Jim\\\" \\\\ R\" <sip:j@h>", a.toString());
        assertEquals(a, NameAddress.parse(a.toString()));
        NameAddress bel = NameAddress.of("BEL:\u0007", SipUri.parse("sip:j@h"), Parameters.empty());
        assertEquals(Optional.of("BEL:\u0007"), NameAddress.parse(bel.toString()).displayName());
        assertThrows(IllegalArgumentException.class, () -> NameAddress.of("a\r\nb", SipUri.parse("sip:j@h"),
                Parameters.empty()));
    }

    @Test
    void rfc3261_19_3_tags() {
        NameAddress to = NameAddress.parse("Bob <sip:bob@biloxi.com>");
        assertEquals(Optional.empty(), to.tag());
        assertEquals(Optional.of("a6c85cf"), to.withTag("a6c85cf").tag());
        assertEquals("\"Bob\" <sip:bob@biloxi.com>;tag=a6c85cf", to.withTag("a6c85cf").toString());
        assertEquals(to, to.withTag("x").withoutParam("tag"));
        assertThrows(IllegalArgumentException.class, () -> NameAddress.parse("Bob <sip:bob@biloxi.com>, x"));
    }
}
