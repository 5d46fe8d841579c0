package org.tabphone.sip.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.sip.SipText.utf8;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.header.Parameters;

class ParamsParserTest {

    private static Parameters params(String s, ParamsParser.Rule rule) throws SipParseException {
        byte[] b = utf8(s);
        assertNull(ParamsParser.parseGenericParams(new ByteScanner(b, 0, b.length), false, rule));
        ByteScanner sc = new ByteScanner(b, 0, b.length);
        Parameters p = ParamsParser.parseGenericParams(sc, true, rule);
        sc.skipLws();
        assertTrue(sc.atEnd(), "all consumed: " + s);
        return p;
    }

    @Test
    void rfc3261_25_1_genericParamsWithLwsFlagsAndQuotedValues() throws SipParseException {
        Parameters p = params(" ; newparam =\r\n      newvalue ;\r\n  secondparam ; q = 0.33;x=\"a;b, c\";h=[::1]",
                ParamsParser.Rule.GENERIC);
        assertEquals(5, p.size());
        assertEquals(Optional.of("newvalue"), p.get("newparam"));
        assertTrue(p.isFlag("secondparam"));
        assertEquals(Optional.of("0.33"), p.get("Q"));
        assertEquals(Optional.of("\"a;b, c\""), p.get("x"));
        assertEquals(Optional.of("[::1]"), p.get("h"));
    }

    /** Found by SipMessageParserFuzzTest: the fold used to reach Parameters, which refuses CR/LF. */
    @Test
    void rfc3261_7_3_1_quotedValueFoldedAcrossLinesIsUnfolded() throws SipParseException {
        assertEquals(Optional.of("\"a b\""), params(";x=\"a\r\n b\"", ParamsParser.Rule.GENERIC).get("x"));
    }

    @Test
    void stopsBeforeCommaLeavingWhitespace() throws SipParseException {
        byte[] b = utf8(";a=1 , next");
        ByteScanner s = new ByteScanner(b, 0, b.length);
        assertEquals(1, ParamsParser.parseGenericParams(s, true, ParamsParser.Rule.GENERIC).size());
        assertEquals(4, s.pos());
    }

    @Test
    void rfc3261_25_1_rejectsEmptyAndNonTokenParams() {
        assertThrows(SipParseException.class, () -> params(";", ParamsParser.Rule.GENERIC));
        assertThrows(SipParseException.class, () -> params(";a=", ParamsParser.Rule.GENERIC));
        assertThrows(SipParseException.class, () -> params(";a=<x>", ParamsParser.Rule.GENERIC));
        assertThrows(SipParseException.class, () -> params(";(a)", ParamsParser.Rule.GENERIC));
    }

    @Test
    void rfc3261_20_10_checksQAndExpiresOnlyForContacts() throws SipParseException {
        assertEquals(Optional.of("2"), params(";q=2", ParamsParser.Rule.GENERIC).get("q"));
        assertThrows(SipParseException.class, () -> params(";q=2", ParamsParser.Rule.CONTACT));
        assertThrows(SipParseException.class, () -> params(";q", ParamsParser.Rule.CONTACT));
        assertEquals(Optional.of("1.000"), params(";q=1.000", ParamsParser.Rule.CONTACT).get("q"));
        assertEquals(Optional.of("4294967295"), params(";expires=4294967295", ParamsParser.Rule.CONTACT).get("expires"));
        assertThrows(SipParseException.class, () -> params(";expires=4294967296", ParamsParser.Rule.CONTACT));
    }
}
