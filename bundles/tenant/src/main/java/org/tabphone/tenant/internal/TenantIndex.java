package org.tabphone.tenant.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.tenant.api.Tenant;

/**
 * Immutable lookup tables over all tenants, rebuilt on any change. Conflicts are settled
 * deterministically (the tenant whose name sorts first wins) and logged.
 */
final class TenantIndex {
    private static final Logger LOG = LoggerFactory.getLogger(TenantIndex.class);
    static final TenantIndex EMPTY = new TenantIndex(Map.of(), Map.of(), null, List.of());

    private final Map<String, Tenant> byDomain;
    private final Map<String, Tenant> byName;
    private final Tenant fallback;
    private final List<Tenant> all;

    private TenantIndex(Map<String, Tenant> byDomain, Map<String, Tenant> byName, Tenant fallback, List<Tenant> all) {
        this.byDomain = byDomain;
        this.byName = byName;
        this.fallback = fallback;
        this.all = all;
    }

    static TenantIndex of(Collection<? extends Tenant> tenants) {
        List<Tenant> sorted = tenants.stream().map(Tenant.class::cast).sorted(Comparator.comparing(Tenant::name)).toList();
        Map<String, Tenant> byDomain = new HashMap<>();
        Map<String, Tenant> byName = new HashMap<>();
        Tenant fallback = null;
        for (Tenant t : sorted) {
            Tenant sameName = byName.putIfAbsent(t.name(), t);
            if (sameName != null) {
                LOG.error("two tenant configurations are named '{}'; the second is ignored", t.name());
                continue;
            }
            for (String d : t.domains()) {
                Tenant owner = byDomain.putIfAbsent(d, t);
                if (owner != null) {
                    LOG.error("domain {} is claimed by tenants {} and {}; {} keeps it", d, owner.name(), t.name(), owner.name());
                }
            }
            if (t.isFallback()) {
                if (fallback == null) {
                    fallback = t;
                } else {
                    LOG.error("tenants {} and {} are both fallback; {} is used", fallback.name(), t.name(), fallback.name());
                }
            }
        }
        return new TenantIndex(Map.copyOf(byDomain), Map.copyOf(byName), fallback,
            sorted.stream().filter(t -> byName.get(t.name()) == t).toList());
    }

    Optional<Tenant> byDomain(String domain) {
        if (domain == null) {
            return Optional.ofNullable(fallback);
        }
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1); // an absolute FQDN names the same domain
        }
        Tenant t = byDomain.get(d);
        return Optional.ofNullable(t != null ? t : fallback);
    }

    Optional<Tenant> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    List<Tenant> all() {
        return all;
    }
}
