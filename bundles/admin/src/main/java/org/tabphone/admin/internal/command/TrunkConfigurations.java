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
 * Trunks as Config Admin factory configurations ({@code org.tabphone.trunk}), found by their
 * {@code name}: those from etc/ files and those the shell made are handled alike (FileInstall
 * writes changes back to a file it owns).
 */
final class TrunkConfigurations {
    static final String FACTORY_PID = "org.tabphone.trunk";
    /** The keys a trunk configuration has (README: configuration reference). */
    static final Set<String> KEYS = Set.of("name", "tenant", "driver", "host", "port", "transport", "domain", "username",
        "auth.username", "password", "register", "register.expires", "inbound.addresses", "max.inbound", "max.outbound",
        "max.total", "over.capacity.status", "number.country", "number.national.prefix", "number.international.prefix",
        "number.format", "outbound.prefixes", "priority", "caller.id", "inbound.numbers", "inbound.user", "tls.verify");
    /** Keys whose value is a comma-separated list. */
    private static final Set<String> LISTS = Set.of("inbound.addresses", "outbound.prefixes", "inbound.numbers");

    private TrunkConfigurations() {
    }

    static Optional<Configuration> find(ConfigurationAdmin cm, String name) throws IOException, InvalidSyntaxException {
        if (!name.matches("[a-z0-9-]+")) {
            return Optional.empty();
        }
        Configuration[] found = cm.listConfigurations("(&(service.factoryPid=" + FACTORY_PID + ")(name=" + name + "))");
        return found == null || found.length == 0 ? Optional.empty() : Optional.of(found[0]);
    }

    /** Applies {@code key=value} arguments to {@code props}; throws IllegalArgumentException naming a bad one. */
    static void apply(Dictionary<String, Object> props, List<String> assignments) {
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + a + "': expected key=value");
            }
            String key = a.substring(0, eq).trim();
            String value = a.substring(eq + 1).trim();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "'; keys: " + String.join(", ", KEYS.stream().sorted().toList()));
            }
            if (key.equals("name")) {
                throw new IllegalArgumentException("a trunk cannot be renamed; remove it and add a new one");
            }
            if (LISTS.contains(key)) {
                props.put(key, value.isEmpty() ? new String[0] : value.split("\\s*,\\s*"));
            } else {
                props.put(key, value);
            }
        }
    }
}
