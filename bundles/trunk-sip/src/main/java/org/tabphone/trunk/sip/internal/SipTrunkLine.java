package org.tabphone.trunk.sip.internal;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
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
 * One SIP trunk: the provider's address (resolved off the I/O threads, again every
 * {@value #RESOLVE_EVERY_MINUTES} minutes for names), its registration if configured, and the
 * shape of outbound INVITEs toward it.
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
                 RegistrationIds ids, SrvLookup srv) {
        this.settings = settings;
        this.stack = stack;
        this.transport = transport;
        this.timers = timers;
        this.provider = new ProviderAddresses(settings, srv);
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
            provider.resolve();
            if (registration == null) {
                status(TrunkStatus.State.STATIC, "calls go to " + provider.proxy());
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

    Optional<InetSocketAddress> proxy() {
        return Optional.ofNullable(provider.proxy());
    }

    /** Over TLS the provider must prove the configured host name (RFC 5922 §4), whichever address it resolved to. */
    SipPath pathTo(InetSocketAddress proxy) {
        return stack.pathTo(settings.transport(), proxy, settings.tlsServerName(), settings.tlsVerify());
    }

    void status(TrunkStatus.State state, String detail) {
        status = TrunkStatus.of(state, detail);
    }

    /** Our Contact at the provider: the account at the listener of the trunk's transport. */
    NameAddress contact() {
        return NameAddress.of(transport.contactUri(settings.transport(), settings.username()));
    }

    @Override
    public TrunkStatus status() {
        return status;
    }

    @Override
    public OutboundLeg outbound(String e164, String callerNumber) {
        InetSocketAddress proxy = provider.proxy();
        if (proxy == null) {
            throw new IllegalStateException("provider " + settings.host() + " not resolved");
        }
        String number = settings.numbers().format(e164);
        SipUri.Builder ruri = SipUri.builder(settings.domain()).user(number);
        if (settings.domain().equals(settings.host()) && settings.port() != 0 && settings.port() != settings.defaultPort()) {
            ruri.port(settings.port());
        }
        if (settings.transport() != TransportKind.UDP) {
            ruri.param("transport", settings.transport().viaToken().toLowerCase(Locale.ROOT));
        }
        String shown = settings.callerId().isEmpty() ? callerNumber : settings.callerId();
        NameAddress from = NameAddress.of(SipUri.builder(settings.domain()).user(shown).build());
        NameAddress to = NameAddress.of(SipUri.builder(settings.domain()).user(number).build());
        return new OutboundLeg(ruri.build(), from, to, pathTo(proxy), proxy);
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
