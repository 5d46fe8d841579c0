package org.tabphone.registrar.internal;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.registrar.api.AuthBans;
import org.tabphone.registrar.api.Binding;
import org.tabphone.registrar.api.LocationService;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.tenant.api.DigestAuthenticator;
import org.tabphone.tenant.api.DigestNonces;
import org.tabphone.tenant.api.TenantDirectory;
import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.FlowListener;
import org.tabphone.transport.api.SipRequestHandler;

/**
 * Wiring: the REGISTER handler, the location service and the flow listener that drops the
 * bindings of a closed connection. Owns one sweeper thread for expired bindings and stale
 * failure counts. Follows {@code org.tabphone.registrar} live.
 */
@Component(service = {SipRequestHandler.class, LocationService.class, FlowListener.class, AuthBans.class}, immediate = true,
           configurationPid = "org.tabphone.registrar", property = SipRequestHandler.METHODS + "=REGISTER")
@Designate(ocd = RegistrarConfig.class)
public final class RegistrarComponent implements SipRequestHandler, LocationService, FlowListener, AuthBans {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrarComponent.class);
    private static final LongSupplier MONOTONIC_MILLIS = () -> System.nanoTime() / 1_000_000;

    private final BindingStore store = new BindingStore();
    private final AuthFailures failures = new AuthFailures();
    private final RegisterHandler handler;
    private final LongSupplier clock;
    private final ScheduledExecutorService sweeper;
    private volatile RegistrarSettings settings;

    @Activate
    public RegistrarComponent(@Reference TenantDirectory tenants, RegistrarConfig config) {
        this(tenants, RegistrarSettings.from(config), MONOTONIC_MILLIS);
    }

    RegistrarComponent(TenantDirectory tenants, RegistrarSettings settings, LongSupplier clock) {
        this.settings = settings;
        this.clock = clock;
        this.handler = new RegisterHandler(tenants, store, new DigestAuthenticator(new DigestNonces()), failures, clock,
            settings);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tabphone-registrar-sweep");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    @Modified
    void modified(RegistrarConfig config) {
        try {
            RegistrarSettings next = RegistrarSettings.from(config);
            settings = next;
            handler.settings(next);
        } catch (IllegalArgumentException e) {
            LOG.error("org.tabphone.registrar rejected, keeping the previous configuration: {}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
    }

    @Override
    public List<Ban> sources() {
        RegistrarSettings s = settings;
        return failures.snapshot(clock.getAsLong(), s.maxAuthFailures(), s.authBanSeconds() * 1000L);
    }

    @Override
    public boolean lift(InetAddress source) {
        boolean had = failures.lift(source);
        if (had) {
            LOG.info("auth failures of {} forgotten (lifted by an operator): it may register again", source.getHostAddress());
        }
        return had;
    }

    @Override
    public void onRequest(ServerTransaction transaction) {
        handler.handle(transaction);
    }

    @Override
    public void onFlowClosed(Flow flow) {
        if (flow.kind().isStream()) {
            int n = store.removeFlow(flow.id());
            if (n > 0) {
                LOG.info("{} closed: {} binding(s) removed", flow.id(), n);
            }
        }
    }

    @Override
    public List<Binding> lookup(String tenant, String user) {
        return store.lookup(new AorKey(tenant, user), clock.getAsLong());
    }

    @Override
    public List<Binding> bindings(String tenant) {
        return store.all(tenant, clock.getAsLong());
    }

    @Override
    public int count() {
        return store.count();
    }

    @Override
    public int unregister(String tenant, String user) {
        AorKey aor = new AorKey(tenant, user);
        int before = store.lookup(aor, clock.getAsLong()).size();
        store.update(aor, list -> List.of());
        return before;
    }

    private void sweep() {
        long now = clock.getAsLong();
        store.sweep(now);
        failures.sweep(now, settings.authBanSeconds() * 1000L);
    }

    RegisterHandler handler() {
        return handler;
    }
}
