package org.tabphone.acl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.tabphone.acl.api.AclRule;
import org.tabphone.transport.api.TransportKind;

class AclRulesTest {
    @Test
    void ruleTextForms() {
        AclRule r = AclRule.parse("deny 198.51.100.0/24 REGISTER udp");
        assertEquals(false, r.allow());
        assertEquals("198.51.100.0/24", r.network());
        assertEquals(Optional.of("REGISTER"), r.method());
        assertEquals(Optional.of(TransportKind.UDP), r.transport());
        assertEquals("deny 198.51.100.0/24 REGISTER udp", r.toString());
        AclRule any = AclRule.parse("  Allow   any ");
        assertTrue(any.allow() && any.method().isEmpty() && any.transport().isEmpty());
        assertEquals("allow any any any", any.toString());
        assertEquals(Optional.of(TransportKind.WSS), AclRule.parse("deny 2001:db8::/32 wss").transport());
        assertEquals(Optional.of("INVITE"), AclRule.parse("deny 10.0.0.1 any invite").method());
        assertEquals(r, AclRule.parse(r.toString()), "the text form reads back");
    }

    @Test
    void badRulesSayWhatIsWrong() {
        for (String bad : List.of("deny", "block 10.0.0.0/8", "deny 10.0.0.0/33", "deny 300.1.1.1", "deny example.com",
            "deny 10.0.0.0/8 OPTIONS", "deny 10.0.0.0/8 udp tcp", "deny 10.0.0.0/8 REGISTER udp extra")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AclRule.parse(bad), bad);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
    }

    @Test
    void configurationValues() {
        assertEquals(2, AclRules.parse("deny 198.51.100.2 REGISTER, allow any").size());
        assertEquals(2, AclRules.parse(new String[] {"deny 198.51.100.2", "allow any"}).size());
        assertEquals(List.of(), AclRules.parse(null));
        assertEquals(List.of(), AclRules.parse(" "));
        List<AclRule> rules = AclRules.parse("deny 198.51.100.2 REGISTER; allow 10.0.0.0/8 any tcp");
        assertEquals(rules, AclRules.parse(AclRules.format(rules)));
    }
}
