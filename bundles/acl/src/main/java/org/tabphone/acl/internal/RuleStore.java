package org.tabphone.acl.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.acl.api.AccessControl;
import org.tabphone.acl.api.AclRule;

/**
 * Where rules live in Config Admin: a tenant's in {@code acl.rules} of its
 * {@code org.tabphone.tenant} factory configuration, the global ones in {@code rules} of
 * {@code org.tabphone.acl}. FileInstall writes updates back to the {@code .cfg} files in etc/.
 * Blocking calls: configuration and shell threads only.
 */
final class RuleStore {
    private static final Logger LOG = LoggerFactory.getLogger(RuleStore.class);
    static final String TENANT_FACTORY_PID = "org.tabphone.tenant";
    static final String TENANT_KEY = "acl.rules";
    static final String ACL_PID = "org.tabphone.acl";
    static final String GLOBAL_KEY = "rules";

    private final ConfigurationAdmin cm;

    RuleStore(ConfigurationAdmin cm) {
        this.cm = cm;
    }

    /** Every tenant's rules by tenant name; a tenant whose rules do not parse keeps {@code previous}'s (logged). */
    Map<String, List<AclRule>> tenantRules(AclPolicy previous) {
        Map<String, List<AclRule>> out = new LinkedHashMap<>();
        for (Configuration c : tenantConfigurations("(service.factoryPid=" + TENANT_FACTORY_PID + ")")) {
            Dictionary<String, Object> p = c.getProperties();
            Object name = p == null ? null : p.get("name");
            if (name == null) {
                continue;
            }
            try {
                out.put(name.toString(), AclRules.parse(p.get(TENANT_KEY)));
            } catch (IllegalArgumentException e) {
                LOG.error("tenant {}: acl.rules rejected, keeping its previous rules: {}", name, e.getMessage());
                out.put(name.toString(), previous.rules(name.toString()));
            }
        }
        return out;
    }

    /** Stores a scope's rules; the configuration events then bring them back into the policy. */
    void store(String scope, List<AclRule> rules) {
        try {
            Configuration c = configurationOf(scope);
            // getProperties() is already the caller's private copy (Config Admin 1.6); null for a new configuration
            Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
            props.put(AccessControl.GLOBAL.equals(scope) ? GLOBAL_KEY : TENANT_KEY, AclRules.format(rules));
            c.update(props);
        } catch (IOException e) {
            throw new IllegalStateException("Config Admin could not store the rules of " + scope + ": " + e.getMessage(), e);
        }
    }

    private Configuration configurationOf(String scope) throws IOException {
        if (AccessControl.GLOBAL.equals(scope)) {
            return cm.getConfiguration(ACL_PID, "?");
        }
        if (!scope.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("no tenant named '" + scope + "'");
        }
        List<Configuration> found = tenantConfigurations("(&(service.factoryPid=" + TENANT_FACTORY_PID + ")(name=" + scope + "))");
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no tenant named '" + scope + "' (scopes: global or a tenant name)");
        }
        return found.get(0);
    }

    private List<Configuration> tenantConfigurations(String filter) {
        try {
            Configuration[] found = cm.listConfigurations(filter);
            return found == null ? List.of() : List.of(found);
        } catch (IOException | InvalidSyntaxException e) {
            LOG.error("cannot list tenant configurations: {}", e.toString());
            return List.of();
        }
    }
}
