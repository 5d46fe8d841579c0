package org.tabphone.sip.api.uri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.header.Parameters;

class TelUriTest {

    @Test
    void rfc3966_4_visualSeparatorsAndParameterOrderDoNotMatter() {
        assertEquals(Uri.parse("tel:+1-201-555-0123"), Uri.parse("tel:+1(201)5550123"));
        assertEquals(Uri.parse("tel:7042;phone-context=example.com;ext=1"),
                Uri.parse("tel:7042;ext=1;PHONE-CONTEXT=EXAMPLE.COM"));
        assertNotEquals(Uri.parse("tel:+12015550123"), Uri.parse("tel:+12015550123;ext=1"));
        assertNotEquals(Uri.parse("tel:+12015550123"), Uri.parse("tel:12015550123"));
    }

    @Test
    void localNumbers() {
        TelUri t = TelUri.of("7042", Parameters.empty().with("phone-context", "example.com"));
        assertFalse(t.isGlobal());
        assertEquals("tel:7042;phone-context=example.com", t.toString());
        assertThrows(IllegalArgumentException.class, () -> TelUri.of("", Parameters.empty()));
        assertThrows(IllegalArgumentException.class, () -> TelUri.of("12 34", Parameters.empty()));
    }

    @Test
    void absoluteUrisCompareSchemeCaseInsensitively() {
        assertEquals(Uri.parse("HTTP://www.example.com"), Uri.parse("http://www.example.com"));
        assertNotEquals(Uri.parse("http://www.example.com/A"), Uri.parse("http://www.example.com/a"));
        assertEquals("isbn", Uri.parse("isbn:2983792873").scheme());
        assertThrows(IllegalArgumentException.class, () -> Uri.parse("no scheme"));
    }
}
