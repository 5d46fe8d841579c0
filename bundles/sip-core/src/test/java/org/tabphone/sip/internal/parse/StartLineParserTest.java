package org.tabphone.sip.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.sip.SipText.utf8;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.sip.api.uri.TelUri;

class StartLineParserTest {

    private static StartLineParser.RequestLine request(String line) throws SipParseException {
        byte[] b = utf8(line);
        return StartLineParser.parseRequestLine(b, 0, b.length);
    }

    private static org.tabphone.sip.api.uri.Uri uri(String line) throws SipParseException {
        StartLineParser.RequestLine l = request(line);
        return UriParser.parseUri(utf8(line), l.uriStart(), l.uriEnd(), true);
    }

    private static int status(String line) throws SipParseException {
        byte[] b = utf8(line);
        return StartLineParser.parseStatusLine(b, 0, b.length);
    }

    @Test
    void rfc3261_7_1_parsesRequestLine() throws SipParseException {
        String line = "INVITE sips:bob@[2001:db8::1]:5061;transport=tls SIP/2.0";
        assertSame(SipMethod.INVITE, request(line).method());
        SipUri uri = (SipUri) uri(line);
        assertTrue(uri.isSecure());
        assertEquals("[2001:db8::1]", uri.host());
        assertEquals(5061, uri.port().getAsInt());
        assertTrue(uri("OPTIONS tel:+1-201-555-0123 sip/2.0") instanceof TelUri);
    }

    @Test
    void rfc3261_7_1_methodsAreCaseSensitive() throws SipParseException {
        SipMethod m = request("invite sip:a@b SIP/2.0").method();
        assertEquals("invite", m.name());
        assertTrue(!m.equals(SipMethod.INVITE) && !m.isStandard());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            INVITE  sip:a@b SIP/2.0    | 400 | Bad Request-Line: more than one SP between elements
            INVITE sip:a@b SIP/2.0     | 400 | Bad Request-Line: whitespace after SIP-Version
            INVITE sip:a@b; lr SIP/2.0 | 400 | Bad Request-Line: whitespace inside the Request-URI
            INVITE sip:a@b             | 400 | Bad Request-Line: no SIP-Version
            INVITE                     | 400 | Bad Request-Line: no Request-URI
            IN(VITE sip:a@b SIP/2.0    | 400 | Bad Request-Line: method is not a token
            INVITE <sip:a@b> SIP/2.0   | 400 | Bad Request-URI: URI must not be in <> here
            INVITE sip:a@b?x=y SIP/2.0 | 400 | Bad Request-URI: headers are not allowed
            INVITE sip:a@b HTTP/1.1    | 400 | Bad SIP-Version
            INVITE sip:a@b SIP/2       | 400 | Bad SIP-Version
            INVITE sip:a@b SIP/3.0     | 505 | SIP version not supported
            INVITE sip:a@b SIP/2.01    | 505 | SIP version not supported
            """)
    void rfc3261_7_1_rejectsBadRequestLines(String line, int code, String reason) {
        String l = line.equals("INVITE sip:a@b SIP/2.0") ? line + "  " : line; // trailing SP is trimmed by CsvSource
        SipParseException e = assertThrows(SipParseException.class, () -> request(l));
        assertEquals(code, e.statusCode());
        assertEquals(reason, e.reason());
    }

    @Test
    void rfc3261_7_2_parsesStatusLines() throws SipParseException {
        assertEquals(180, status("SIP/2.0 180 Ringing"));
        assertEquals(100, status("SIP/2.0 100 "));
        assertEquals(699, status("SIP/2.0 699"));
        byte[] b = utf8("SIP/2.0 486 Busy Here");
        assertEquals("Busy Here", new String(b, StartLineParser.reasonStart(b, 0, b.length), 9));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SIP/2.0 4294967301 big | Bad Status-Line: status code is not 3 digits
            SIP/2.0 99 Low         | Bad Status-Line: status code is not 3 digits
            SIP/2.0 700 High       | Bad Status-Line: status code out of range
            SIP/2.0 099 Low        | Bad Status-Line: status code out of range
            SIP/2.0 20x OK         | Bad Status-Line: status code is not 3 digits
            SIP/2.0                | Bad Status-Line: no status code
            """)
    void rfc3261_7_2_rejectsBadStatusLines(String line, String reason) {
        assertEquals(reason, assertThrows(SipParseException.class, () -> status(line)).reason());
    }
}
