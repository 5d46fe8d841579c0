package org.tabphone.acl.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The rules and their counters, for the shell and JMX. A scope is {@code global} (checked first)
 * or a tenant name; within the global list and then the tenant's list the first matching rule
 * decides, and a request no rule matches is allowed. Changes are stored in Config Admin (the
 * tenant's {@code acl.rules}, or {@code rules} of {@code org.tabphone.acl}) and apply within a
 * second or two.
 */
@ProviderType
public interface AccessControl {
    String GLOBAL = "global";

    /** The rules of a scope, in order (empty for a tenant without rules). */
    List<AclRule> rules(String scope);

    /** {@code global} and every tenant that has a configuration. */
    List<String> scopes();

    /**
     * Inserts a rule at {@code position} (1 = first; 0 or beyond the end = last).
     *
     * @throws IllegalArgumentException for an unknown tenant
     * @throws IllegalStateException    when Config Admin cannot store it
     */
    void addRule(String scope, AclRule rule, int position);

    /** Removes the rule at {@code position} (1 = first) and returns it. */
    AclRule removeRule(String scope, int position);

    AclStatistics statistics();
}
