package org.tabphone.trunk.sip.internal;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.Header;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.transport.api.SipStack;
import org.tabphone.transport.api.SipTransport;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.trunk.api.OutboundLeg;
import org.tabphone.trunk.api.TrunkLine;
import org.tabphone.trunk.api.TrunkSettings;
import org.tabphone.trunk.api.TrunkStatus;

/**
 * One SIP trunk: the provider's next hop — address and transport (resolved off the I/O threads,
 * again every {@value #RESOLVE_EVERY_MINUTES} minutes for names) — its registration if
 * configured, and the shape of outbound INVITEs toward it. Everything sent to the provider takes
 * the transport of the current next hop: with {@code transport = auto} that is DNS's choice
 * (RFC 3263 §4.1), shown in the trunk's status ("via NAPTR: tcp 203.0.113.5:5060").
 */
final class SipTrunkLine implements TrunkLine {
    private static final Logger LOG = LoggerFactory.getLogger(SipTrunkLine.class);
    static final long RESOLVE_EVERY_MINUTES = 5;

    private final TrunkSettings settings;
    private final SipStack stack;
    private final SipTransport transport;
    private final ScheduledExecutorService timers;
    private final ProviderAddresses provider;
    private final OutboundRegistration registration;
    private volatile TrunkStatus status;
    private volatile java.util.concurrent.ScheduledFuture<?> resolver;

    SipTrunkLine(TrunkSettings settings, SipStack stack, SipTransport transport, ScheduledExecutorService timers,
                 RegistrationIds ids, SipServerLocator locator) {
        this.settings = settings;
        this.stack = stack;
        this.transport = transport;
        this.timers = timers;
        this.provider = new ProviderAddresses(settings, locator);
        this.registration = settings.register() ? new OutboundRegistration(this, ids.of(settings.name()), timers) : null;
        this.status = TrunkStatus.of(settings.register() ? TrunkStatus.State.REGISTERING : TrunkStatus.State.STATIC,
            "starting");
    }

    void start() {
        if (settings.transport() == TransportKind.TLS && !settings.tlsVerify()) {
            LOG.warn("trunk {}: tls.verify = false: the certificate of {} is not checked; anyone on the path can pose as"
                + " the provider (lab use only)", settings.name(), settings.host());
        }
        if (provider.needsLookup()) {
            resolver = timers.scheduleWithFixedDelay(this::resolve, 0, RESOLVE_EVERY_MINUTES, TimeUnit.MINUTES);
        } else {
            resolve(); // an IP literal: no DNS, no waiting
        }
        if (registration != null) {
            registration.start();
        }
    }

    private void resolve() {
        try {
            NextHop before = provider.proxy();
            NextHop hop = provider.resolve(listeningTransports());
            if (settings.autoTransport() && (before == null || before.transport() != hop.transport())) {
                // on a change the registration's next refresh registers a Contact on the new transport; the old one expires
                LOG.info("trunk {}: transport auto: {} via {}{}", settings.name(), hop, hop.how(),
                    before == null ? "" : " (was " + before + ")");
            }
            if (hop.transport() == TransportKind.TLS && settings.autoTransport() && !settings.tlsVerify()
                && (before == null || before.transport() != TransportKind.TLS)) {
                LOG.warn("trunk {}: DNS chose TLS and tls.verify = false: the certificate of {} is not checked; anyone on"
                    + " the path can pose as the provider (lab use only)", settings.name(), settings.host());
            }
            if (registration == null) {
                String via = settings.autoTransport() ? ", via " + hop.how() : "";
                status(TrunkStatus.State.STATIC, "calls go to " + hop + via);
            }
        } catch (UnknownHostException | RuntimeException e) {
            LOG.warn("trunk {}: cannot resolve {}: {}", settings.name(), settings.host(), e.toString());
            if (registration == null) {
                status(TrunkStatus.State.FAILED, "cannot resolve " + settings.host());
            }
        }
    }

    TrunkSettings settings() {
        return settings;
    }

    SipStack stack() {
        return stack;
    }

    /** The provider's next hop, empty before it resolved. */
    Optional<NextHop> proxy() {
        return Optional.ofNullable(provider.proxy());
    }

    /**
     * The path to the next hop on its transport. Over TLS the provider must prove the configured
     * host name (RFC 5922 §4), whichever SRV target or address DNS led to.
     */
    SipPath pathTo(NextHop hop) {
        return stack.pathTo(hop.transport(), hop.address(), settings.tlsServerName(), settings.tlsVerify());
    }

    /**
     * The transports RFC 3263 §4.1 may choose for {@code transport = auto}: those the gateway
     * listens on, since the Contact we register must be reachable on the transport we chose.
     */
    private Set<TransportKind> listeningTransports() {
        Set<TransportKind> kinds = EnumSet.noneOf(TransportKind.class);
        for (TransportKind k : new TransportKind[] {TransportKind.UDP, TransportKind.TCP, TransportKind.TLS}) {
            if (transport.listenAddress(k).isPresent()) {
                kinds.add(k);
            }
        }
        return kinds;
    }

    /** With {@code transport = auto} the detail also says what DNS chose, as only the status can show it. */
    void status(TrunkStatus.State state, String detail) {
        NextHop hop = provider.proxy();
        boolean showHop = settings.autoTransport() && hop != null && state != TrunkStatus.State.STATIC;
        status = TrunkStatus.of(state, showHop ? detail + ", via " + hop.how() + ": " + hop : detail);
    }

    /** Our Contact at the provider: the account at our listener of {@code kind}, the next hop's transport. */
    NameAddress contact(TransportKind kind) {
        return NameAddress.of(transport.contactUri(kind, settings.username()));
    }

    @Override
    public TrunkStatus status() {
        return status;
    }

    @Override
    public OutboundLeg outbound(String e164, String callerNumber) {
        NextHop hop = provider.proxy();
        if (hop == null) {
            throw new IllegalStateException("provider " + settings.host() + " not resolved");
        }
        String number = settings.numbers().format(e164);
        SipUri.Builder ruri = SipUri.builder(settings.domain()).user(number);
        if (settings.domain().equals(settings.host()) && settings.port() != 0 && settings.port() != settings.defaultPort()) {
            ruri.port(settings.port());
        }
        if (hop.transport() != TransportKind.UDP) {
            ruri.param("transport", hop.transport().viaToken().toLowerCase(Locale.ROOT));
        }
        String shown = settings.callerId().isEmpty() ? callerNumber : settings.callerId();
        NameAddress from = NameAddress.of(SipUri.builder(settings.domain()).user(shown).build());
        NameAddress to = NameAddress.of(SipUri.builder(settings.domain()).user(number).build());
        return new OutboundLeg(ruri.build(), from, to, pathTo(hop), hop.address(), hop.transport());
    }

    @Override
    public Optional<Header> authorize(SipResponse challenge, SipRequest request) {
        return TrunkDigest.authorize(settings, challenge, request);
    }

    @Override
    public boolean accepts(InetSocketAddress source) {
        return provider.accepts(source);
    }

    @Override
    public void close() {
        shutDown(true);
    }

    @Override
    public void stop() {
        shutDown(false);
    }

    private void shutDown(boolean unregister) {
        if (resolver != null) {
            resolver.cancel(false);
        }
        if (registration != null) {
            registration.close(unregister);
        }
        status(TrunkStatus.State.STOPPED, "closed");
    }
}
