package org.tabphone.tenant.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;

/**
 * All tenants, indexed by domain and name. Owns the one thread that watches users files
 * (every {@value #USERS_POLL_SECONDS} s), so edits to a users file apply without a restart.
 */
@Component(service = TenantDirectory.class, immediate = true)
public final class TenantDirectoryComponent implements TenantDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(TenantDirectoryComponent.class);
    static final int USERS_POLL_SECONDS = 2;

    private final Set<TenantSource> sources = ConcurrentHashMap.newKeySet();
    private volatile TenantIndex index = TenantIndex.EMPTY;
    private ScheduledExecutorService usersWatcher;

    @Activate
    void activate() {
        usersWatcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tabphone-tenant-users");
            t.setDaemon(true);
            return t;
        });
        usersWatcher.scheduleWithFixedDelay(this::refreshAll, USERS_POLL_SECONDS, USERS_POLL_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        usersWatcher.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(TenantSource source) {
        sources.add(source);
        source.onChange(this::reindex);
        reindex();
    }

    void removeSource(TenantSource source) {
        source.onChange(null);
        sources.remove(source);
        reindex();
    }

    private synchronized void reindex() {
        index = TenantIndex.of(sources.stream().map(TenantSource::current).toList());
    }

    private void refreshAll() {
        for (TenantSource s : sources) {
            try {
                s.refreshUsers();
            } catch (RuntimeException e) {
                LOG.error("tenant {}: users refresh failed", s.current().name(), e);
            }
        }
    }

    @Override
    public Optional<Tenant> byDomain(String domain) {
        return index.byDomain(domain);
    }

    @Override
    public Optional<Tenant> byName(String name) {
        return index.byName(name);
    }

    @Override
    public List<Tenant> tenants() {
        return index.all();
    }
}
