package org.tabphone.admin.internal.command;

import java.io.IOException;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Config Admin factory configurations of one kind (trunks, tenants) found by their {@code name}
 * property: those from etc/ files and those the shell made are handled alike (FileInstall writes
 * changes back to a file it owns). Holds only what the kind is; immutable.
 *
 * @param factoryPid  the factory PID, e.g. {@code org.tabphone.trunk}
 * @param namePattern what a name may be (anything else is never looked up: it goes into an LDAP filter)
 * @param keys        the keys {@code key=value} arguments may set
 * @param lists       those of them whose value is comma-separated
 */
record NamedConfigurations(String factoryPid, String namePattern, Set<String> keys, Set<String> lists) {

    Optional<Configuration> find(ConfigurationAdmin cm, String name) throws IOException, InvalidSyntaxException {
        if (!name.matches(namePattern)) {
            return Optional.empty();
        }
        Configuration[] found = cm.listConfigurations("(&(service.factoryPid=" + factoryPid + ")(name=" + name + "))");
        return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
    }

    /** Applies {@code key=value} arguments to {@code props}; throws IllegalArgumentException naming a bad one. */
    void apply(Dictionary<String, Object> props, List<String> assignments) {
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + a + "': expected key=value");
            }
            String key = a.substring(0, eq).trim();
            String value = a.substring(eq + 1).trim();
            if (!keys.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "'; keys: "
                    + String.join(", ", keys.stream().sorted().toList()));
            }
            props.put(key, lists.contains(key) ? (value.isEmpty() ? new String[0] : value.split("\\s*,\\s*")) : value);
        }
    }
}
