package org.tabphone.sip.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SipMethodTest {

    @Test
    void rfc3261_7_1_methodsAreCaseSensitiveTokens() {
        assertSame(SipMethod.REGISTER, SipMethod.of("REGISTER"));
        assertNotEquals(SipMethod.REGISTER, SipMethod.of("register"));
        assertNotEquals(SipMethod.REGISTER, SipMethod.of("RE%47IST%45R"));
        assertEquals(SipMethod.of("NEWMETHOD"), SipMethod.of("NEWMETHOD"));
        assertTrue(SipMethod.PRACK.isStandard());
        assertFalse(SipMethod.of("NEWMETHOD").isStandard());
        assertEquals(14, SipMethod.standardMethods().size());
        assertThrows(IllegalArgumentException.class, () -> SipMethod.of("BAD METHOD"));
        assertThrows(IllegalArgumentException.class, () -> SipMethod.of(""));
    }

    @Test
    void rfc3261_21_defaultReasonPhrases() {
        assertEquals("OK", SipStatus.reasonPhrase(200));
        assertEquals("Unsupported URI Scheme", SipStatus.reasonPhrase(416));
        assertEquals("Interval Too Brief", SipStatus.reasonPhrase(423));
        assertEquals("Call/Transaction Does Not Exist", SipStatus.reasonPhrase(481));
        assertEquals("Client Error", SipStatus.reasonPhrase(499));
    }

    @Test
    void parseExceptionReasonIsASafeReasonPhrase() {
        SipParseException e = new SipParseException(400, "Bad \r\n\u00e9 " + "x".repeat(200), true);
        assertEquals(100, e.reason().length());
        assertTrue(e.reason().startsWith("Bad ??? x"));
        assertTrue(e.isResponse());
        assertEquals(400, new SipParseException("x").statusCode());
        assertThrows(IllegalArgumentException.class, () -> new SipParseException(200, "x"));
    }
}
