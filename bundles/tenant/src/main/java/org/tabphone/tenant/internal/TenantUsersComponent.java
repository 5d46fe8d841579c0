package org.tabphone.tenant.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.tabphone.tenant.api.SipUser;
import org.tabphone.tenant.api.TenantUsers;
import org.tabphone.tenant.api.UserChangeException;

/**
 * Wires {@link UsersEditor} to the configured tenants. It binds their service references only
 * and gets a tenant when one is edited: getting every {@link TenantSource} at bind time would
 * activate (and fail, and log again) each rejected tenant configuration.
 */
@Component(service = TenantUsers.class)
public final class TenantUsersComponent implements TenantUsers {
    private static final String SOURCE = "source";

    private final Set<ServiceReference<TenantSource>> sources = ConcurrentHashMap.newKeySet();
    private volatile ComponentContext context;
    private final UsersEditor editor = new UsersEditor(this::source);

    @Activate
    void activate(ComponentContext ctx) {
        context = ctx;
    }

    @Reference(name = SOURCE, service = TenantSource.class, cardinality = ReferenceCardinality.MULTIPLE,
               policy = ReferencePolicy.DYNAMIC)
    void addSource(ServiceReference<TenantSource> ref) {
        sources.add(ref);
    }

    void removeSource(ServiceReference<TenantSource> ref) {
        sources.remove(ref);
    }

    /** The tenant component configured with {@code name} (a service property, as DS registers configuration properties). */
    private Optional<TenantSource> source(String name) {
        for (ServiceReference<TenantSource> ref : sources) {
            if (name.equals(String.valueOf(ref.getProperty("name")).trim())) {
                TenantSource s = context.locateService(SOURCE, ref);
                if (s != null && s.current().name().equals(name)) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public SipUser add(String tenant, String username, String password, String displayName) throws UserChangeException {
        return editor.add(tenant, username, password, displayName);
    }

    @Override
    public SipUser setPassword(String tenant, String username, String password) throws UserChangeException {
        return editor.setPassword(tenant, username, password);
    }

    @Override
    public SipUser setDisplayName(String tenant, String username, String displayName) throws UserChangeException {
        return editor.setDisplayName(tenant, username, displayName);
    }

    @Override
    public void remove(String tenant, String username) throws UserChangeException {
        editor.remove(tenant, username);
    }

    @Override
    public boolean createUsersFile(Path file, String tenant, String realm) throws IOException {
        return editor.createUsersFile(file, tenant, realm);
    }
}
