package org.tabphone.registrar.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Current bindings. Reads are lock-free snapshots and may run on event loops. */
@ProviderType
public interface LocationService {
    /** The live bindings of one address of record, newest first. */
    List<Binding> lookup(String tenant, String user);

    /** Every live binding of a tenant, or of all tenants when {@code tenant} is null. */
    List<Binding> bindings(String tenant);

    /** Live bindings in total. */
    int count();

    /** Removes all bindings of an address of record (admin action); returns how many went. */
    int unregister(String tenant, String user);
}
