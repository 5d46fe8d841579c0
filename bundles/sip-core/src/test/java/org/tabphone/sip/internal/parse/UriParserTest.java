package org.tabphone.sip.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.sip.SipText.utf8;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.uri.AbsoluteUri;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.sip.api.uri.TelUri;
import org.tabphone.sip.api.uri.Uri;

class UriParserTest {

    private static Uri uri(String s) throws SipParseException {
        byte[] b = utf8(s);
        assertNull(UriParser.parseUri(b, 0, b.length, false));
        return UriParser.parseUri(s);
    }

    @Test
    void rfc3261_19_1_1_parsesEveryComponent() throws SipParseException {
        SipUri u = (SipUri) uri("SIPS:alice:secretword@atlanta.com:5061;transport=tcp;lr?subject=project%20x&priority=urgent");
        assertTrue(u.isSecure());
        assertEquals("sips", u.scheme());
        assertEquals(Optional.of("alice"), u.user());
        assertEquals(Optional.of("secretword"), u.password());
        assertEquals("atlanta.com", u.host());
        assertEquals(5061, u.port().getAsInt());
        assertEquals(Optional.of("tcp"), u.transport());
        assertTrue(u.lr());
        assertEquals(Optional.of("project%20x"), u.headers().get("subject"));
        assertEquals("sips:alice:secretword@atlanta.com:5061;transport=tcp;lr?subject=project%20x&priority=urgent",
                u.toString());
    }

    @Test
    void rfc3261_19_1_1_userPartMayHoldSemicolonsQuestionMarksAndCommas() throws SipParseException {
        SipUri u = (SipUri) uri("sip:user;par=u%40example.net@example.com");
        assertEquals(Optional.of("user;par=u%40example.net"), u.user());
        assertTrue(u.params().isEmpty());
        SipUri noUser = (SipUri) uri("sip:example.com;x=a&b?h=1");
        assertEquals(Optional.empty(), noUser.user());
        assertEquals("example.com", noUser.host());
    }

    @Test
    void rfc3261_19_1_1_ipv6AndIpv4Hosts() throws SipParseException {
        assertEquals("[2001:db8::10:5070]", ((SipUri) uri("sip:[2001:db8::10:5070]")).host());
        SipUri v6 = (SipUri) uri("sip:alice@[2001:db8::10]:5070");
        assertEquals("[2001:db8::10]", v6.host());
        assertEquals(5070, v6.port().getAsInt());
        assertEquals("192.0.2.4", ((SipUri) uri("sip:192.0.2.4:5060")).host());
    }

    @Test
    void rfc3966_telUri() throws SipParseException {
        TelUri t = (TelUri) uri("tel:+1-201-555-0123;ext=1234");
        assertEquals("+1-201-555-0123", t.number());
        assertTrue(t.isGlobal());
        assertEquals(Optional.of("1234"), t.params().get("ext"));
        assertEquals("tel:+1-201-555-0123;ext=1234", t.toString());
    }

    @Test
    void rfc3261_25_1_otherSchemesAreAbsoluteUris() throws SipParseException {
        Uri u = uri("soap.beep://192.0.2.103:3002");
        assertTrue(u instanceof AbsoluteUri);
        assertEquals("soap.beep", u.scheme());
        assertEquals("urn", uri("URN:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6").scheme());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sip:                        | URI has no host
            sip:a@                      | URI has no host
            sip:a@h:70000               | Port out of range
            sip:a@h:                    | Bad port
            sip:a@h;                    | Empty URI parameter
            sip:a@h;x=                  | Empty URI parameter value
            sip:a@h?x                   | Bad URI header component
            sip:a@h>                    | Bad character in URI
            sip:a b@h                   | Bad character in URI
            sip:[::1                    | Bad IPv6 reference
            sip:a:b:c@h                 | Bad character in URI password
            1sip:a@h                    | URI has no scheme
            :a                          | URI has no scheme
            http:                       | URI is empty after its scheme
            http://a b                  | Bad character in URI
            tel:                        | tel URI has no number
            tel:+1;x                    | Bad character in tel URI
            """)
    void rfc3261_25_1_rejectsBadUris(String s, String reason) {
        assertEquals(reason, assertThrows(SipParseException.class, () -> uri(s.replace("tel:+1;x", "tel:+1 x")))
                .reason());
    }
}
