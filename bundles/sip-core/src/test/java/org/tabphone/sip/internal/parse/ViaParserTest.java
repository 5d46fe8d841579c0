package org.tabphone.sip.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.sip.SipText.utf8;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.header.Via;

class ViaParserTest {

    private static List<Via> vias(String value) throws SipParseException {
        byte[] b = utf8(value);
        List<Via> out = new ArrayList<>();
        ViaParser.parseVia(new ByteScanner(b, 0, b.length), out);
        ViaParser.parseVia(new ByteScanner(b, 0, b.length), null); // validation-only mode agrees
        return out;
    }

    @Test
    void rfc3261_20_42_parsesViaParm() throws SipParseException {
        Via v = vias("SIP/2.0/UDP pc33.atlanta.example.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1").get(0);
        assertEquals("SIP", v.protocolName());
        assertEquals("2.0", v.protocolVersion());
        assertEquals("UDP", v.transport());
        assertEquals("pc33.atlanta.example.com", v.host());
        assertEquals(OptionalInt.of(5066), v.port());
        assertEquals(Optional.of("z9hG4bK776asdhds"), v.branch());
        assertEquals(Optional.of("192.0.2.1"), v.received());
        assertTrue(v.isRfc3261Branch());
    }

    @Test
    void rfc3261_25_1_allowsLwsAroundSlashesColonSemicolonsAndEquals() throws SipParseException {
        List<Via> l = vias("SIP  /\r\n 2.0 / WSS  [2001:db8::9] : 443 ;\r\n branch = z9hG4bKa ; rport , SIP/2.0/TCP h");
        assertEquals(2, l.size());
        assertEquals("WSS", l.get(0).transport());
        assertEquals("[2001:db8::9]", l.get(0).host());
        assertEquals(443, l.get(0).port().getAsInt());
        assertEquals(Optional.of("z9hG4bKa"), l.get(0).branch());
        assertTrue(l.get(0).hasRport());
        assertEquals("h", l.get(1).host());
    }

    @Test
    void rfc3581_rportFlagAndValue() throws SipParseException {
        Via flag = vias("SIP/2.0/UDP h;rport").get(0);
        assertTrue(flag.hasRport());
        assertEquals(OptionalInt.empty(), flag.rport());
        Via value = vias("SIP/2.0/UDP h;rport=5070;received=[2001:db8::1]").get(0);
        assertEquals(OptionalInt.of(5070), value.rport());
        assertEquals(Optional.of("[2001:db8::1]"), value.received());
        assertFalse(vias("SIP/2.0/UDP h").get(0).hasRport());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            SIP/2.0/UDP 192.0.2.15;;,;,,  | empty parameter
            ''                            | empty value
            SIP/2.0/UDP h,                | empty value
            SIP/2.0/UDP h, ,SIP/2.0/UDP i | empty value
            SIP/2.0 h                     | expected '/' in sent-protocol
            SIP/2.0/UDPh                  | expected whitespace before sent-by
            SIP/2.0/UDP                   | expected whitespace before sent-by
            SIP/2.0/UDP h:99999           | Port out of range
            SIP/2.0/UDP h:                | Bad port
            SIP/2.0/UDP h;branch          | branch without value
            SIP/2.0/UDP h;ttl=256         | bad ttl
            SIP/2.0/UDP h;rport=x         | bad rport
            SIP/2.0/UDP h;x=\"open        | unterminated quoted string
            SIP/2.0/UDP [::1              | Bad IPv6 reference
            SIP/2.0/UDP h extra           | unexpected character after via-parm
            """)
    void rfc3261_20_42_rejectsBadVias(String value, String reason) {
        assertEquals(reason, assertThrows(SipParseException.class, () -> vias(value.replace("\\\"", "\""))).reason());
    }
}
