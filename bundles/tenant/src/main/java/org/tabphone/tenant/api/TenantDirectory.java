package org.tabphone.tenant.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Finds the tenant of a request. Lookups are lock-free reads of an immutable index that is
 * swapped when tenants or users change, so they may run on event loops.
 */
@ProviderType
public interface TenantDirectory {
    /** The tenant owning {@code domain} (case-insensitive), else the fallback tenant if one is set. */
    Optional<Tenant> byDomain(String domain);

    Optional<Tenant> byName(String name);

    List<Tenant> tenants();
}
