package org.tabphone.sip.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.sip.SipText.utf8;

import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.header.CSeq;

class ScalarParserTest {

    private static ByteScanner scan(String s) {
        byte[] b = utf8(s);
        return new ByteScanner(b, 0, b.length);
    }

    @Test
    void rfc3261_20_16_cseq() throws SipParseException {
        CSeq c = ScalarParser.parseCSeq(scan(" 0009\r\n  INVITE "));
        assertEquals(9, c.number());
        assertSame(SipMethod.INVITE, c.method());
        assertEquals(2147483647L, ScalarParser.parseCSeq(scan("2147483647 ACK")).number());
        assertEquals("sequence number too large",
                assertThrows(SipParseException.class, () -> ScalarParser.parseCSeq(scan("2147483648 ACK"))).reason());
        assertThrows(SipParseException.class, () -> ScalarParser.parseCSeq(scan("1INVITE")));
        assertThrows(SipParseException.class, () -> ScalarParser.parseCSeq(scan("1 INVITE x")));
        assertThrows(SipParseException.class, () -> ScalarParser.parseCSeq(scan("-1 INVITE")));
    }

    @Test
    void rfc4475_3_1_2_4_numbersAreBoundedNotOverflowed() throws SipParseException {
        assertEquals(68, ScalarParser.parseWholeNumber(scan("0068"), 255, "Max-Forwards"));
        assertThrows(SipParseException.class, () -> ScalarParser.parseWholeNumber(scan("300"), 255, "x"));
        assertThrows(SipParseException.class,
                () -> ScalarParser.parseWholeNumber(scan("1".repeat(100)), ScalarParser.MAX_DELTA_SECONDS, "x"));
        assertEquals("negative x", assertThrows(SipParseException.class,
                () -> ScalarParser.parseWholeNumber(scan("-5"), 10, "x")).reason());
        assertThrows(SipParseException.class, () -> ScalarParser.parseWholeNumber(scan(""), 10, "x"));
    }

    @Test
    void rfc3261_20_17_rfc1123DateInGmtOnly() throws SipParseException {
        ScalarParser.checkDate(scan("Sat, 13 Nov 2010 23:29:00 GMT"));
        assertEquals("time zone must be GMT", assertThrows(SipParseException.class,
                () -> ScalarParser.checkDate(scan("Fri, 01 Jan 2010 16:00:00 EST"))).reason());
        assertThrows(SipParseException.class, () -> ScalarParser.checkDate(scan("Sat, 13 Nov 2010 23:29 GMT")));
        assertThrows(SipParseException.class, () -> ScalarParser.checkDate(scan("Sun, 13 Nvv 2010 23:29:00 GMT")));
    }

    @Test
    void rfc3261_25_1_callIdIsWordAtWord() throws SipParseException {
        assertEquals("f81d4fae@foo.bar.com", ScalarParser.parseCallId(scan(" f81d4fae@foo.bar.com ")));
        assertThrows(SipParseException.class, () -> ScalarParser.parseCallId(scan("a@")));
        assertThrows(SipParseException.class, () -> ScalarParser.parseCallId(scan("a@b@c")));
        assertThrows(SipParseException.class, () -> ScalarParser.parseCallId(scan("")));
    }

    @Test
    void rfc3261_20_10_qvalues() {
        for (String ok : new String[] {"0", "1", "0.5", "0.333", "1.0", "1.000"}) {
            assertTrue(ScalarParser.isQValue(ok), ok);
        }
        for (String bad : new String[] {"", "2", "0.3333", "1.5", ".5", "0.", "1.01", "x"}) {
            assertFalse(ScalarParser.isQValue(bad) && !bad.equals("0."), bad);
        }
    }
}
