package org.tabphone.trunk.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.trunk.api.TrunkSettings;

/** org.tabphone.trunk-<name>.cfg as the parser reads it; here the transport and TLS keys. */
class TrunkSettingsParserTest {

    /** A trunk configuration as Config Admin hands it over: the raw map and the typed view of it. */
    private static TrunkSettings parse(Map<String, Object> raw) {
        Map<String, Object> all = new HashMap<>(Map.of("name", "acme", "tenant", "demo", "host", "sip.acme.example"));
        all.putAll(raw);
        TrunkConfig typed = (TrunkConfig) Proxy.newProxyInstance(TrunkConfig.class.getClassLoader(),
            new Class<?>[] {TrunkConfig.class}, (proxy, method, args) -> {
                Object v = all.get(method.getName().replace('_', '.'));
                if (method.getName().equals("annotationType")) {
                    return TrunkConfig.class;
                }
                if (v == null) {
                    return method.getDefaultValue();
                }
                if (method.getReturnType() == boolean.class) {
                    return Boolean.parseBoolean(String.valueOf(v)); // what Config Admin's conversion does
                }
                if (method.getReturnType() == int.class) {
                    return Integer.parseInt(String.valueOf(v));
                }
                return v;
            });
        return TrunkSettingsParser.parse(typed, all);
    }

    @Test
    void tlsIsVerifiedUnlessSwitchedOff() {
        TrunkSettings t = parse(Map.of("transport", "tls"));
        assertEquals(TransportKind.TLS, t.transport());
        assertTrue(t.tlsVerify());
        assertEquals(5061, t.defaultPort());
        assertEquals("sip.acme.example", t.tlsServerName());
        assertTrue(parse(Map.of("transport", "tls", "tls.verify", "true")).tlsVerify());
        assertTrue(parse(Map.of("transport", "tls", "tls.verify", Boolean.TRUE)).tlsVerify());
    }

    @Test
    void falseSwitchesVerificationOffAsTextOrBoolean() {
        assertFalse(parse(Map.of("transport", "tls", "tls.verify", "false")).tlsVerify());
        assertFalse(parse(Map.of("transport", "tls", "tls.verify", " FALSE ")).tlsVerify());
        assertFalse(parse(Map.of("transport", "tls", "tls.verify", Boolean.FALSE)).tlsVerify());
    }

    @Test
    void aTypoIsRejectedRatherThanReadAsFalse() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> parse(Map.of("transport", "tls", "tls.verify", "flase")));
        assertTrue(e.getMessage().contains("tls.verify"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse(Map.of("tls.verify", "no")));
    }

    @Test
    void changingTlsVerifyNeedsANewConnectionOfTheSameAccount() {
        TrunkSettings verified = parse(Map.of("transport", "tls", "register", "true", "username", "acme"));
        TrunkSettings lab = parse(Map.of("transport", "tls", "register", "true", "username", "acme", "tls.verify", "false"));
        assertFalse(verified.sameConnection(lab));
        assertTrue(verified.sameAccount(lab), "the new connection takes the binding over");
    }

    @Test
    void anIpv6LiteralHostIsCheckedWithoutItsBrackets() {
        assertEquals("2001:db8::1", parse(Map.of("host", "[2001:db8::1]", "transport", "tls")).tlsServerName());
    }

    @Test
    void rfc3263_4_1_autoLetsDnsPickWithUdpAsTheFallback() {
        TrunkSettings auto = parse(Map.of("transport", " AUTO "));
        assertTrue(auto.autoTransport());
        assertEquals(TransportKind.UDP, auto.transport(), "no NAPTR, no SRV, an address or a port: UDP");
        assertEquals(5060, auto.defaultPort());
        assertFalse(parse(Map.of()).autoTransport(), "udp stays the default");
        assertFalse(parse(Map.of("transport", "tcp")).autoTransport());
    }

    @Test
    void switchingToAutoNeedsANewConnection() {
        TrunkSettings udp = parse(Map.of("register", "true", "username", "acme"));
        TrunkSettings auto = parse(Map.of("register", "true", "username", "acme", "transport", "auto"));
        assertFalse(udp.sameConnection(auto));
        assertFalse(udp.sameAccount(auto), "the Contact may change transport: a new binding");
    }

    @Test
    void anUnknownTransportNamesTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of("transport", "sctp")));
        assertTrue(e.getMessage().contains("udp, tcp, tls or auto"), e.getMessage());
    }
}
