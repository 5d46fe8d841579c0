package org.tabphone.admin.internal.command;

import java.util.Set;

/** Trunks as Config Admin factory configurations ({@code org.tabphone.trunk}), found by their {@code name}. */
final class TrunkConfigurations {
    /** The keys a trunk configuration has (README: configuration reference); its name is set once, by trunk-add. */
    private static final Set<String> KEYS = Set.of("tenant", "driver", "host", "port", "transport", "domain", "username",
        "auth.username", "password", "register", "register.expires", "inbound.addresses", "max.inbound", "max.outbound",
        "max.total", "over.capacity.status", "number.country", "number.national.prefix", "number.international.prefix",
        "number.format", "outbound.prefixes", "priority", "caller.id", "inbound.numbers", "inbound.user", "tls.verify");
    /** Keys whose value is a comma-separated list. */
    private static final Set<String> LISTS = Set.of("inbound.addresses", "outbound.prefixes", "inbound.numbers");

    static final NamedConfigurations TRUNKS = new NamedConfigurations("org.tabphone.trunk", "[a-z0-9-]+", KEYS, LISTS);

    private TrunkConfigurations() {
    }
}
