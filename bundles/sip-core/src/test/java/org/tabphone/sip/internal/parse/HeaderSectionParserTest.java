package org.tabphone.sip.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tabphone.sip.SipText.lines;
import static org.tabphone.sip.SipText.utf8;

import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.SipLimits;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.internal.message.HeaderTable;

class HeaderSectionParserTest {

    private static HeaderTable table(String section) throws SipParseException {
        byte[] b = utf8(section);
        HeaderTable.Entries e = new HeaderTable.Entries(4);
        int end = HeaderSectionParser.parseHeaderSection(b, 0, b.length, SipLimits.DEFAULT, e);
        assertEquals(b.length, end);
        return HeaderTable.of(b, e);
    }

    @Test
    void rfc3261_7_3_3_compactAndCaseVariantNamesMapToOneHeader() throws SipParseException {
        HeaderTable t = table(lines("v: a", "V: b", "vIA: c", "i: d", "I: e", "call-id: f", "l: 0", "m: g", "o: h",
                "r: i", "b: j", "u: k", "x: l", "k: m", "s: n", "c: o", "e: p", "f: q", "t: r", ""));
        HeaderName[] expected = {HeaderName.VIA, HeaderName.VIA, HeaderName.VIA, HeaderName.CALL_ID, HeaderName.CALL_ID,
            HeaderName.CALL_ID, HeaderName.CONTENT_LENGTH, HeaderName.CONTACT, HeaderName.EVENT, HeaderName.REFER_TO,
            HeaderName.REFERRED_BY, HeaderName.ALLOW_EVENTS, HeaderName.SESSION_EXPIRES, HeaderName.SUPPORTED,
            HeaderName.SUBJECT, HeaderName.CONTENT_TYPE, HeaderName.CONTENT_ENCODING, HeaderName.FROM, HeaderName.TO};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], t.name(i), "line " + i);
        }
    }

    @Test
    void rfc3261_7_3_1_allowsWhitespaceBeforeTheColonAndTrimsValues() throws SipParseException {
        HeaderTable t = table(lines("Via  \t: \t SIP/2.0/UDP h  ", "X-Empty:", "X-Spaces:    ", ""));
        assertEquals(HeaderName.VIA, t.name(0));
        assertEquals("SIP/2.0/UDP h", t.value(0));
        assertEquals("", t.value(1));
        assertEquals("", t.value(2));
    }

    @Test
    void rfc3261_7_3_1_foldedLinesContinueTheValue() throws SipParseException {
        HeaderTable t = table(lines("Subject: one", " two", "\tthree", "To: x", ""));
        assertEquals(2, t.size());
        assertEquals("one two three", t.value(0));
    }

    @Test
    void extensionNamesKeepTheirSpelling() throws SipParseException {
        HeaderTable t = table(lines("X-Tabphone-Flow: 1", "C%6Fntact: <sip:a@b>", ""));
        assertEquals("X-Tabphone-Flow", t.name(0).name());
        assertEquals(HeaderName.of("x-tabphone-flow"), t.name(0));
        assertEquals(-1, t.id(1));
    }

    @Test
    void rejectsNonTokenNames() {
        assertThrows(SipParseException.class, () -> table(lines("Bad Name: x", "")));
        assertThrows(SipParseException.class, () -> table(lines("Bad@Name: x", "")));
    }

    @Test
    void findsCarriageReturnsPastTheWordAtATimeScan() throws SipParseException {
        for (int n = 0; n < 20; n++) {
            HeaderTable t = table(lines("X: " + "a".repeat(n), "Y: " + "b".repeat(n), ""));
            assertEquals("a".repeat(n), t.value(0));
            assertEquals("b".repeat(n), t.value(1));
            int len = n;
            assertThrows(SipParseException.class, () -> table("X: " + "a".repeat(len) + "\nY: 1\r\n\r\n"));
        }
    }
}
