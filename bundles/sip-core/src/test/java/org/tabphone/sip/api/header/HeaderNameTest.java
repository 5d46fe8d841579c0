package org.tabphone.sip.api.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeaderNameTest {

    @Test
    void rfc3261_7_3_3_compactFormsResolveToCanonicalNames() {
        String[][] forms = {{"i", "Call-ID"}, {"m", "Contact"}, {"e", "Content-Encoding"}, {"l", "Content-Length"},
            {"c", "Content-Type"}, {"f", "From"}, {"s", "Subject"}, {"k", "Supported"}, {"t", "To"}, {"v", "Via"},
            {"o", "Event"}, {"r", "Refer-To"}, {"b", "Referred-By"}, {"u", "Allow-Events"}, {"x", "Session-Expires"}};
        for (String[] f : forms) {
            assertSame(HeaderName.of(f[1]), HeaderName.of(f[0]), f[0]);
            assertSame(HeaderName.of(f[1]), HeaderName.of(f[0].toUpperCase()), f[0]);
            assertEquals(f[1], HeaderName.of(f[0]).name());
            assertEquals(Optional.of(f[0].charAt(0)), HeaderName.of(f[1]).compactForm());
        }
        assertSame(HeaderName.CALL_ID, HeaderName.of("CALL-id"));
        assertSame(HeaderName.CSEQ, HeaderName.of("cseq"));
    }

    @Test
    void rfc3261_7_3_1_listValuedHeadersExcludeThoseWithCommasInOneValue() {
        for (HeaderName h : new HeaderName[] {HeaderName.VIA, HeaderName.CONTACT, HeaderName.ROUTE,
            HeaderName.RECORD_ROUTE, HeaderName.ALLOW, HeaderName.SUPPORTED, HeaderName.REQUIRE,
            HeaderName.PROXY_REQUIRE, HeaderName.UNSUPPORTED, HeaderName.ACCEPT}) {
            assertTrue(h.isListValued(), h.name());
        }
        for (HeaderName h : new HeaderName[] {HeaderName.WWW_AUTHENTICATE, HeaderName.AUTHORIZATION,
            HeaderName.PROXY_AUTHENTICATE, HeaderName.PROXY_AUTHORIZATION, HeaderName.DATE, HeaderName.CALL_ID,
            HeaderName.FROM, HeaderName.TO, HeaderName.SUBJECT}) {
            assertFalse(h.isListValued(), h.name());
        }
    }

    @Test
    void extensionNamesCompareCaseInsensitively() {
        HeaderName x = HeaderName.of("X-Tabphone-Tenant");
        assertFalse(x.isKnown());
        assertEquals(x, HeaderName.of("x-tabphone-tenant"));
        assertEquals(x.hashCode(), HeaderName.of("X-TABPHONE-TENANT").hashCode());
        assertNotEquals(x, HeaderName.VIA);
        assertThrows(IllegalArgumentException.class, () -> HeaderName.of("Bad Name"));
        assertThrows(IllegalArgumentException.class, () -> HeaderName.of(""));
    }
}
