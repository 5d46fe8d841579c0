package org.tabphone.acl.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.tabphone.acl.api.AclRule;

/**
 * Rules as stored in a configuration value: one string with rules separated by commas (or new
 * lines), or a string array with one rule each. Written back as one comma-separated string.
 */
final class AclRules {
    private AclRules() {
    }

    /** Throws {@link IllegalArgumentException} naming the first bad rule. */
    static List<AclRule> parse(Object value) {
        List<String> texts = new ArrayList<>();
        if (value instanceof String s) {
            texts.addAll(List.of(s.split("[,;\\n]")));
        } else if (value instanceof String[] a) {
            texts.addAll(List.of(a));
        } else if (value instanceof Collection<?> c) {
            c.forEach(o -> texts.add(String.valueOf(o)));
        } else if (value != null) {
            throw new IllegalArgumentException("rules must be text, not " + value.getClass().getSimpleName());
        }
        List<AclRule> rules = new ArrayList<>();
        for (String t : texts) {
            if (!t.isBlank()) {
                rules.add(checked(AclRule.parse(t)));
            }
        }
        return List.copyOf(rules);
    }

    /** The rule, once its network is known to compile (the api checks syntax only). */
    static AclRule checked(AclRule rule) {
        Cidr.parse(rule.network());
        return rule;
    }

    static String format(List<AclRule> rules) {
        return rules.stream().map(AclRule::toString).collect(Collectors.joining(", "));
    }
}
