package org.tabphone.acl.internal;

import org.tabphone.acl.api.AclRule;
import org.tabphone.transport.api.SipRequestFilter;
import org.tabphone.transport.api.TransportKind;

/** A rule ready to match, with where it sits ({@code demo#2}) for the decision log. */
record CompiledRule(AclRule rule, Cidr network, String scope, String label, SipRequestFilter.Verdict denial) {

    static CompiledRule of(AclRule rule, String scope, int position) {
        return new CompiledRule(rule, Cidr.parse(rule.network()), scope, scope + "#" + position + " '" + rule + "'",
            rule.allow() ? SipRequestFilter.Verdict.PASS : SipRequestFilter.Verdict.reject(403, "Forbidden by access rule"));
    }

    boolean matches(byte[] address, String method, TransportKind transport) {
        return (rule.method().isEmpty() || rule.method().get().equals(method))
            && (rule.transport().isEmpty() || rule.transport().get() == transport)
            && network.matches(address);
    }
}
