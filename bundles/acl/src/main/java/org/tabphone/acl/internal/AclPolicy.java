package org.tabphone.acl.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tabphone.acl.api.AccessControl;
import org.tabphone.acl.api.AclRule;
import org.tabphone.transport.api.TransportKind;

/**
 * An immutable snapshot of every rule: the global list, then each tenant's. Swapped whole when
 * a configuration changes, so the I/O threads read it without locks.
 */
final class AclPolicy {
    static final AclPolicy EMPTY = new AclPolicy(List.of(), Map.of());

    private final List<CompiledRule> global;
    private final Map<String, List<CompiledRule>> tenants;

    private AclPolicy(List<CompiledRule> global, Map<String, List<CompiledRule>> tenants) {
        this.global = global;
        this.tenants = tenants;
    }

    AclPolicy withGlobal(List<AclRule> rules) {
        return new AclPolicy(compile(AccessControl.GLOBAL, rules), tenants);
    }

    AclPolicy withTenants(Map<String, List<AclRule>> rulesByTenant) {
        Map<String, List<CompiledRule>> t = new HashMap<>();
        rulesByTenant.forEach((name, rules) -> t.put(name, compile(name, rules)));
        return new AclPolicy(global, Map.copyOf(t));
    }

    private static List<CompiledRule> compile(String scope, List<AclRule> rules) {
        List<CompiledRule> out = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            out.add(CompiledRule.of(rules.get(i), scope, i + 1));
        }
        return List.copyOf(out);
    }

    /** The first rule matching, global ones first; null when none does (allowed by default). */
    CompiledRule match(String tenant, byte[] address, String method, TransportKind transport) {
        CompiledRule r = first(global, address, method, transport);
        if (r != null || tenant == null) {
            return r;
        }
        List<CompiledRule> own = tenants.get(tenant);
        return own == null ? null : first(own, address, method, transport);
    }

    private static CompiledRule first(List<CompiledRule> rules, byte[] address, String method, TransportKind transport) {
        for (int i = 0; i < rules.size(); i++) {
            CompiledRule r = rules.get(i);
            if (r.matches(address, method, transport)) {
                return r;
            }
        }
        return null;
    }

    List<AclRule> rules(String scope) {
        List<CompiledRule> l = AccessControl.GLOBAL.equals(scope) ? global : tenants.getOrDefault(scope, List.of());
        return l.stream().map(CompiledRule::rule).toList();
    }

    List<String> tenantsWithConfiguration() {
        return tenants.keySet().stream().sorted().toList();
    }
}
