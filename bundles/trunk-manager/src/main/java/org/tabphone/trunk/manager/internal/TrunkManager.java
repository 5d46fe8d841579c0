package org.tabphone.trunk.manager.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.trunk.api.InboundAdmission;
import org.tabphone.trunk.api.OutboundRoute;
import org.tabphone.trunk.api.TrunkCall;
import org.tabphone.trunk.api.TrunkDriver;
import org.tabphone.trunk.api.TrunkInfo;
import org.tabphone.trunk.api.TrunkLine;
import org.tabphone.trunk.api.TrunkService;
import org.tabphone.trunk.api.TrunkSettings;

/**
 * All trunks: each configuration gets a connection from the driver of its type (reconnected
 * when a connection setting changes or the driver bundle is swapped), capacity is counted here,
 * and inbound INVITEs are admitted, held or refused here.
 */
@Component(service = TrunkService.class, immediate = true, configurationPid = "org.tabphone.trunks",
           configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TrunksConfig.class)
public final class TrunkManager implements TrunkService {
    private static final Logger LOG = LoggerFactory.getLogger(TrunkManager.class);

    private final Map<String, ManagedTrunk> trunks = new ConcurrentHashMap<>();
    private final Map<TrunkSource, String> sourceNames = new ConcurrentHashMap<>();
    private final Map<String, TrunkDriver> drivers = new ConcurrentHashMap<>();
    private final SiblingForks forks = new SiblingForks(2000, SiblingForks.Correlation.CALL_ID);

    @Activate
    @Modified
    void configure(TrunksConfig config) {
        SiblingForks.Correlation c = switch (config.fork_correlation().trim().toLowerCase(Locale.ROOT)) {
            case "pai-to" -> SiblingForks.Correlation.PAI_TO;
            case "call-id" -> SiblingForks.Correlation.CALL_ID;
            default -> {
                LOG.error("fork.correlation '{}' is not call-id or pai-to; using call-id", config.fork_correlation());
                yield SiblingForks.Correlation.CALL_ID;
            }
        };
        long window = config.fork_window_ms();
        if (window < 0 || window > 60_000) {
            LOG.error("fork.window.ms {} out of 0-60000; using 2000", window);
            window = 2000;
        }
        forks.configure(window, c);
    }

    @Deactivate
    synchronized void deactivate() {
        trunks.values().forEach(t -> close(t.line(null)));
        trunks.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addDriver(TrunkDriver driver, Map<String, Object> props) {
        Object type = props.get(TrunkDriver.TYPE);
        if (!(type instanceof String t) || t.isBlank()) {
            LOG.error("trunk driver {} has no {} property; ignored", driver, TrunkDriver.TYPE);
            return;
        }
        drivers.put(t, driver);
        LOG.info("trunk driver '{}' available", t);
        trunks.values().stream().filter(m -> m.settings().driver().equals(t)).forEach(this::connect);
    }

    synchronized void removeDriver(TrunkDriver driver, Map<String, Object> props) {
        if (props.get(TrunkDriver.TYPE) instanceof String t && drivers.remove(t, driver)) {
            LOG.info("trunk driver '{}' gone; its trunks wait for it (calls in progress stay up)", t);
            // no un-REGISTER: an updated driver registers the same account again at once
            trunks.values().stream().filter(m -> m.settings().driver().equals(t)).map(m -> m.line(null))
                .filter(java.util.Objects::nonNull).forEach(TrunkLine::stop);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addSource(TrunkSource source) {
        TrunkSettings s = source.current();
        if (trunks.containsKey(s.name())) {
            LOG.error("trunk {} is configured twice; ignoring the second configuration", s.name());
            return;
        }
        sourceNames.put(source, s.name());
        ManagedTrunk t = new ManagedTrunk(s);
        trunks.put(s.name(), t);
        connect(t);
        LOG.info("{} added: {}", s, describe(s));
        source.onChange(() -> changed(source));
    }

    synchronized void removeSource(TrunkSource source) {
        source.onChange(null);
        String name = sourceNames.remove(source);
        ManagedTrunk t = name == null ? null : trunks.remove(name);
        if (t != null) {
            close(t.line(null));
            LOG.info("trunk {} removed (calls in progress on it stay up)", name);
        }
    }

    /** A reload: new calls get the new settings at once; a new provider or credentials reconnect (re-register). */
    private synchronized void changed(TrunkSource source) {
        ManagedTrunk t = trunks.get(sourceNames.get(source));
        if (t == null) {
            return;
        }
        TrunkSettings before = t.settings();
        TrunkSettings after = source.current();
        t.settings(after);
        if (!before.sameConnection(after) || t.line() == null) {
            TrunkLine old = t.line(null);
            if (old != null && before.sameAccount(after)) {
                old.stop(); // the new connection refreshes the same binding: no un-REGISTER in between
            } else {
                close(old); // un-REGISTER before a REGISTER elsewhere
            }
            connect(t);
        }
        LOG.info("{} updated: {}", after, describe(after));
    }

    private void connect(ManagedTrunk t) {
        TrunkSettings s = t.settings();
        TrunkDriver d = drivers.get(s.driver());
        TrunkLine line = null;
        if (d == null) {
            LOG.warn("{}: no '{}' trunk driver installed yet", s, s.driver());
        } else {
            try {
                line = d.open(s);
            } catch (RuntimeException e) {
                LOG.error("{}: the '{}' driver could not start it", s, s.driver(), e);
            }
        }
        close(t.line(line));
    }

    private static void close(TrunkLine line) {
        if (line != null) {
            try {
                line.close();
            } catch (RuntimeException e) {
                LOG.warn("closing a trunk connection failed", e);
            }
        }
    }

    private static String describe(TrunkSettings s) {
        return (s.register() ? "registers as " + s.username() : "static") + ", lines in/out/total "
            + s.capacity().maxInbound() + "/" + s.capacity().maxOutbound() + "/" + s.capacity().maxTotal()
            + ", outbound " + s.outboundPrefixes() + " priority " + s.priority();
    }

    @Override
    public List<TrunkInfo> trunks() {
        return trunks.values().stream().map(ManagedTrunk::info)
            .sorted(Comparator.comparing((TrunkInfo i) -> i.settings().tenant()).thenComparing(i -> i.settings().name()))
            .toList();
    }

    @Override
    public Optional<InboundAdmission> admitInbound(InetSocketAddress source, SipRequest invite) {
        ManagedTrunk t = providerOf(source, invite);
        if (t == null) {
            return Optional.empty();
        }
        TrunkSettings s = t.settings();
        // a sibling of a ringing copy is held even on a full trunk: it never gets a 4xx
        if (forks.isSibling(s.tenant(), invite, System.nanoTime())) {
            return heldAsSibling(t, s, invite);
        }
        if (s.capacity().maxInbound() == 0) {
            t.held.increment();
            LOG.info("{}: takes no inbound calls (max.inbound = 0); INVITE {} held at 180", s, invite.callId());
            return Optional.of(new InboundAdmission.Held(s.name(), s.tenant(), "max.inbound = 0"));
        }
        Optional<TrunkCall> line = t.seize(TrunkCall.Direction.INBOUND);
        if (line.isEmpty()) {
            t.refused.increment();
            int code = s.capacity().overCapacityStatus();
            LOG.info("{}: inbound over capacity, INVITE {} refused with {}", s, invite.callId(), code);
            return Optional.of(new InboundAdmission.Refused(s.name(), s.tenant(), code, "Trunk at capacity"));
        }
        // only a copy that rings claims the call: one held or refused above leaves it to its siblings
        if (!forks.claim(s.tenant(), invite, System.nanoTime())) {
            line.get().release();
            return heldAsSibling(t, s, invite);
        }
        String number = dialled(invite, s);
        return Optional.of(new InboundAdmission.Admitted(line.get(), number, s.inboundUserFor(number)));
    }

    private static Optional<InboundAdmission> heldAsSibling(ManagedTrunk t, TrunkSettings s, SipRequest invite) {
        t.held.increment();
        LOG.info("{}: INVITE {} is a sibling fork of a call that rings already; held at 180", s, invite.callId());
        return Optional.of(new InboundAdmission.Held(s.name(), s.tenant(), "sibling fork"));
    }

    @Override
    public boolean isProvider(InetSocketAddress source) {
        for (ManagedTrunk t : trunks.values()) {
            TrunkLine line = t.line();
            if (line != null && line.accepts(source)) {
                return true;
            }
        }
        return false;
    }

    /** The trunk whose provider sent this; when several share a provider, the one whose account the INVITE names. */
    private ManagedTrunk providerOf(InetSocketAddress source, SipRequest invite) {
        if (source == null) {
            return null;
        }
        String ruriUser = invite.requestUri() instanceof SipUri u ? u.user().orElse("") : "";
        ManagedTrunk found = null;
        for (ManagedTrunk t : trunks.values()) {
            TrunkLine line = t.line();
            if (line == null || !line.accepts(source)) {
                continue;
            }
            if (found == null || (!ruriUser.isEmpty() && ruriUser.equals(t.settings().username()))) {
                found = t;
            }
        }
        return found;
    }

    /**
     * The called number: the Request-URI user, unless that is our account name (a registered
     * trunk's provider sends to the Contact we registered), then the To user.
     */
    private static String dialled(SipRequest invite, TrunkSettings s) {
        String ruri = invite.requestUri() instanceof SipUri u ? u.userDecoded().orElse("") : "";
        if (ruri.isEmpty() || ruri.equals(s.username())) {
            if (invite.to().uri() instanceof SipUri to && to.userDecoded().isPresent()) {
                return to.userDecoded().get();
            }
        }
        return ruri;
    }

    @Override
    public List<OutboundRoute> outboundRoutes(String tenant, String dialled) {
        List<ManagedTrunk> candidates = new ArrayList<>();
        for (ManagedTrunk t : trunks.values()) {
            TrunkSettings s = t.settings();
            boolean takes = s.outboundPrefixes().isEmpty() || s.outboundPrefixes().stream().anyMatch(dialled::startsWith);
            if (s.tenant().equals(tenant) && takes) {
                candidates.add(t);
            }
        }
        candidates.sort(Comparator.comparingInt((ManagedTrunk t) -> t.settings().priority())
            .thenComparing(t -> t.settings().name()));
        List<OutboundRoute> routes = new ArrayList<>();
        for (ManagedTrunk t : candidates) {
            t.settings().numbers().toE164(dialled).ifPresent(n -> routes.add(new OutboundRoute(t.settings().name(), n)));
        }
        return routes;
    }

    @Override
    public Optional<TrunkCall> seizeOutbound(String trunk) {
        ManagedTrunk t = trunks.get(trunk);
        if (t == null) {
            return Optional.empty();
        }
        Optional<TrunkCall> line = t.seize(TrunkCall.Direction.OUTBOUND);
        if (line.isEmpty()) {
            t.refused.increment();
        }
        return line;
    }
}
