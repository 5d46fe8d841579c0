package org.tabphone.admin.internal.command;

import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Tenants as Config Admin factory configurations ({@code org.tabphone.tenant}), found by their
 * {@code name}, like {@link TrunkConfigurations}: etc/ files and shell-made ones alike.
 */
final class TenantConfigurations {
    static final String NAME = "[a-z0-9][a-z0-9-]{0,62}";
    /** The keys tenant-add takes besides name and domains (README: configuration reference). */
    private static final Set<String> KEYS = Set.of("realm", "fallback", "users.file", "digest.algorithms", "max.registrations",
        "max.calls", "acl.rules", "ice.stun.urls", "ice.turn.urls", "ice.turn.secret", "ice.turn.ttl.seconds");
    private static final Set<String> LISTS = Set.of("ice.stun.urls", "ice.turn.urls");
    static final NamedConfigurations TENANTS = new NamedConfigurations("org.tabphone.tenant", NAME, KEYS, LISTS);
    /** How long a command waits for the tenant component to pick up a change (it takes well under a second). */
    private static final long SETTLE_MILLIS = 5000;

    private TenantConfigurations() {
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
