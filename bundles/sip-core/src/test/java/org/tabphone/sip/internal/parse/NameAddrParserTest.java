package org.tabphone.sip.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.sip.SipText.utf8;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.sip.api.uri.TelUri;

class NameAddrParserTest {

    private static NameAddress single(String value) throws SipParseException {
        byte[] b = utf8(value);
        NameAddrParser.parseSingle(new ByteScanner(b, 0, b.length), false);
        return NameAddrParser.parseSingle(new ByteScanner(b, 0, b.length), true);
    }

    private static List<NameAddress> list(String value, boolean nameAddrOnly) throws SipParseException {
        byte[] b = utf8(value);
        List<NameAddress> out = new ArrayList<>();
        NameAddrParser.parseList(new ByteScanner(b, 0, b.length), out, nameAddrOnly, ParamsParser.Rule.CONTACT);
        return out;
    }

    @Test
    void rfc3261_20_10_quotedDisplayNameIsUnescaped() throws SipParseException {
        NameAddress a = single("\"J \\\"Jim\\\" \\\\ Rosenberg\"<sip:jdrosen@example.com>;tag=98asjd8");
        assertEquals(Optional.of("J \"Jim\" \\ Rosenberg"), a.displayName());
        assertEquals("sip:jdrosen@example.com", a.uri().toString());
        assertEquals(Optional.of("98asjd8"), a.tag());
    }

    @Test
    void rfc3261_25_1_tokenDisplayNameIsJoinedWithSingleSpaces() throws SipParseException {
        assertEquals(Optional.of("Alice  Liddell".replace("  ", " ")), single("Alice \t Liddell <sip:a@h>").displayName());
        assertEquals(Optional.empty(), single("<sip:a@h>").displayName());
    }

    @Test
    void rfc3261_20_10_addrSpecParamsAreHeaderParams() throws SipParseException {
        NameAddress a = single("sip:+12125551212@server.phone2net.com;tag=887s");
        assertEquals(Optional.of("887s"), a.tag());
        assertTrue(((SipUri) a.uri()).params().isEmpty());
        NameAddress t = single("<tel:+1-212-555-1212;phone-context=x>;tag=1");
        assertTrue(t.uri() instanceof TelUri);
        assertEquals(Optional.of("x"), ((TelUri) t.uri()).params().get("phone-context"));
    }

    @Test
    void rfc3261_20_10_contactListWithParams() throws SipParseException {
        List<NameAddress> l = list("\"Mr. Watson\" <sip:watson@worcester.bell-telephone.com>;q=0.7; expires=3600,"
                + " \"Mr. Watson\" <mailto:watson@bell-telephone.com> ;q=0.1", false);
        assertEquals(2, l.size());
        assertEquals(Optional.of("3600"), l.get(0).params().get("expires"));
        assertEquals("mailto:watson@bell-telephone.com", l.get(1).uri().toString());
        assertEquals(Optional.of("0.1"), l.get(1).params().get("q"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            "Mr. J. User <sip:j.user@example.com>          | unterminated quoted string
            < sip:t.watson@example.org >                    | whitespace inside <>
            Watson, Thomas <sip:t.watson@example.org>       | display name must be quoted or tokens
            sip:user@example.com?Route=%3Csip:x%3E          | URI with '?' must be in <>
            <sip:a@h                                        | missing '>'
            "Joe" sip:joe@example.org                       | expected '<' after display name
            <sip:joe@example.org>;;;;                       | empty parameter
            <sip:a@h>, <sip:b@h>                            | more than one address
            <sip:a@h> junk                                  | unexpected character after address
            nourl                                           | URI has no scheme
            <sip:@h>                                        | URI has an empty user part
            """)
    void rfc4475_rejectsBadAddresses(String value, String reason) {
        assertEquals(reason, assertThrows(SipParseException.class, () -> single(value)).reason());
    }

    @Test
    void rfc3261_20_10_contactParamsWithDefinedSyntaxAreChecked() {
        assertEquals("bad q parameter", assertThrows(SipParseException.class, () -> list("<sip:a@h>;q=2", false)).reason());
        assertEquals("bad expires parameter",
                assertThrows(SipParseException.class, () -> list("<sip:a@h>;expires=280297596632815", false)).reason());
    }

    @Test
    void rfc3261_20_34_routeMustBeNameAddr() {
        assertEquals("address must be in <>",
                assertThrows(SipParseException.class, () -> list("sip:p1.example.com;lr", true)).reason());
    }
}
