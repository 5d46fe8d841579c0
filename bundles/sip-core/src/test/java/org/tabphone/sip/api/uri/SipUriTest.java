package org.tabphone.sip.api.uri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SipUriTest {

    /** The equivalent pairs listed in RFC 3261 §19.1.4, plus escaping cases from RFC 4475 esc01. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sip:%61lice@atlanta.com;transport=TCP  | sip:alice@AtLanTa.CoM;Transport=tcp
            sip:carol@chicago.com                  | sip:carol@chicago.com;newparam=5
            sip:carol@chicago.com                  | sip:carol@chicago.com;security=on
            sip:carol@chicago.com;newparam=5       | sip:carol@chicago.com;security=on
            sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com | sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com
            sip:alice@atlanta.com?subject=project%20x&priority=urgent | sip:alice@atlanta.com?priority=urgent&subject=project%20x
            sip:%75se%72@example.com               | sip:user@example.com
            sip:caller@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31 | sip:caller@host5.example.net;lr;name=value%2541
            sip:alice@[2001:DB8::1]                | sip:alice@[2001:db8::1]
            """)
    void rfc3261_19_1_4_equivalentUris(String a, String b) {
        assertEquals(SipUri.parse(a), SipUri.parse(b));
        assertEquals(SipUri.parse(b), SipUri.parse(a));
        assertEquals(SipUri.parse(a).hashCode(), SipUri.parse(b).hashCode());
    }

    /** The non-equivalent pairs listed in RFC 3261 §19.1.4 and a few more. */
    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', textBlock = """
            SIP:ALICE@AtLanTa.CoM;Transport=udp | sip:alice@AtLanTa.CoM;Transport=UDP
            sip:bob@biloxi.com                  | sip:bob@biloxi.com:5060
            sip:bob@biloxi.com                  | sip:bob@biloxi.com;transport=udp
            sip:bob@biloxi.com                  | sip:bob@biloxi.com:6000;transport=tcp
            sip:carol@chicago.com               | sip:carol@chicago.com?Subject=next%20meeting
            sip:bob@phone21.boxesbybob.com      | sip:bob@192.0.2.4
            sip:bob@biloxi.com                  | sips:bob@biloxi.com
            sip:bob@biloxi.com;user=phone       | sip:bob@biloxi.com
            sip:bob@biloxi.com;maddr=1.2.3.4    | sip:bob@biloxi.com
            sip:bob@biloxi.com;ttl=1            | sip:bob@biloxi.com;ttl=2
            sip:bob:pw@biloxi.com               | sip:bob@biloxi.com
            """)
    void rfc3261_19_1_4_differentUris(String a, String b) {
        assertNotEquals(SipUri.parse(a), SipUri.parse(b));
        assertNotEquals(SipUri.parse(b), SipUri.parse(a));
    }

    @Test
    void rfc4475_3_1_1_4_decodedUserKeepsNul() {
        SipUri u = SipUri.parse("sip:%00%00@host5.example.com");
        assertEquals(Optional.of("%00%00"), u.user());
        assertEquals(Optional.of("\0\0"), u.userDecoded());
        assertEquals("sip:%00%00@host5.example.com", u.toString());
    }

    @Test
    void builderWritesTheWireForm() {
        SipUri u = SipUri.builder("[2001:db8::1]").secure(true).userUnescaped("alice smith").port(5061)
                .param("transport", "tls").param("lr", null).build();
        assertEquals("sips:alice%20smith@[2001:db8::1]:5061;transport=tls;lr", u.toString());
        assertEquals(Optional.of("alice smith"), u.userDecoded());
        assertEquals(u, SipUri.parse(u.toString()));
        assertEquals("sip:h;lr", u.toBuilder().secure(false).user(null).port(-1).host("h").params(
                u.params().without("transport")).build().toString());
    }

    @Test
    void builderRefusesWhatCannotBeWrittenBack() {
        assertThrows(IllegalArgumentException.class, () -> SipUri.builder("a b"));
        assertThrows(IllegalArgumentException.class, () -> SipUri.builder("h").user("a@b"));
        assertThrows(IllegalArgumentException.class, () -> SipUri.builder("h").port(65536));
        assertThrows(IllegalArgumentException.class, () -> SipUri.builder("[zz]"));
        assertThrows(IllegalArgumentException.class, () -> SipUri.parse("tel:+1"));
    }

    @Test
    void helpers() {
        SipUri u = SipUri.parse("sip:+1212@gw.example.com;user=phone;maddr=239.255.255.1;lr;transport=ws");
        assertEquals(Optional.of("phone"), u.userParam());
        assertEquals(Optional.of("239.255.255.1"), u.maddr());
        assertEquals(Optional.of("ws"), u.transport());
        assertTrue(u.lr());
    }
}
