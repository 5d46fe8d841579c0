package org.tabphone.admin.internal.command;

import java.io.IOException;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Tenants as Config Admin factory configurations ({@code org.tabphone.tenant}), found by their
 * {@code name}, like {@link TrunkConfigurations}: etc/ files and shell-made ones alike.
 */
final class TenantConfigurations {
    static final String FACTORY_PID = "org.tabphone.tenant";
    static final String NAME = "[a-z0-9][a-z0-9-]{0,62}";
    /** The keys tenant-add takes besides name and domains (README: configuration reference). */
    static final Set<String> KEYS = Set.of("realm", "fallback", "users.file", "digest.algorithms", "max.registrations",
        "max.calls", "acl.rules", "ice.stun.urls", "ice.turn.urls", "ice.turn.secret", "ice.turn.ttl.seconds");
    private static final Set<String> LISTS = Set.of("ice.stun.urls", "ice.turn.urls");
    /** How long a command waits for the tenant component to pick up a change (it takes well under a second). */
    private static final long SETTLE_MILLIS = 5000;

    private TenantConfigurations() {
    }

    static Optional<Configuration> find(ConfigurationAdmin cm, String name) throws IOException, InvalidSyntaxException {
        if (!name.matches(NAME)) {
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
                throw new IllegalArgumentException("unknown key '" + key + "'; keys: "
                    + String.join(", ", KEYS.stream().sorted().toList()));
            }
            props.put(key, LISTS.contains(key) ? (value.isEmpty() ? new String[0] : value.split("\\s*,\\s*")) : value);
        }
    }

    /**
     * Config Admin delivers changes to the tenant component asynchronously: waits until
     * {@code done} holds, so the next command sees the change. Returns false on time-out.
     */
    static boolean settle(BooleanSupplier done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
