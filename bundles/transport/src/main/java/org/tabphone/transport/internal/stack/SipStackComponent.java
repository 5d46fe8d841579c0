package org.tabphone.transport.internal.stack;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.sip.api.Rejection;
import org.tabphone.sip.api.RequestChecks;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.Parameters;
import org.tabphone.sip.api.header.Via;
import org.tabphone.sip.api.transaction.ClientTransaction;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionLayer;
import org.tabphone.sip.api.transaction.TransactionLayers;
import org.tabphone.sip.api.transaction.TransactionTimers;
import org.tabphone.sip.api.transaction.TransactionUser;
import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.InboundSip;
import org.tabphone.transport.api.SipInboundListener;
import org.tabphone.transport.api.SipRequestFilter;
import org.tabphone.transport.api.SipRequestHandler;
import org.tabphone.transport.api.SipStack;
import org.tabphone.transport.api.SipTransport;
import org.tabphone.transport.api.TransportKind;

/**
 * The SIP element in the middle: inbound messages go through the transaction layer, new
 * requests pass the generic UAS checks (RFC 3261 §8.2) and go to the handler of their method.
 * Wiring and policy-free defaults only: 405 for unclaimed methods, 200 for OPTIONS to the gateway.
 */
@Component(service = {SipStack.class, SipInboundListener.class}, immediate = true, configurationPid = "org.tabphone.sip")
@Designate(ocd = SipStackConfig.class)
public final class SipStackComponent implements SipStack, SipInboundListener, TransactionUser {
    private static final Logger LOG = LoggerFactory.getLogger(SipStackComponent.class);
    /** Extensions we implement (RFC 3261 §8.2.2.3): a Require for anything else gets 420. */
    static final Set<String> SUPPORTED_OPTION_TAGS = Set.of("path", "outbound", "gruu", "timer");
    static final Set<String> SUPPORTED_SCHEMES = Set.of("sip", "sips", "tel");
    static final Set<String> ACCEPTED_CONTENT_TYPES = Set.of("application/sdp", "message/sipfrag", "text/plain",
        "application/dtmf-relay", "application/pidf+xml", "application/simple-message-summary");

    private final HandlerTable handlers = new HandlerTable();
    private final SipTransport transport;
    private final WheelSipTimer timer = new WheelSipTimer();
    private final TransactionLayer layer;
    private final int maxTransactions;

    private final ComponentContext context;
    private volatile SipRequestFilter filter;

    @Activate
    public SipStackComponent(@Reference SipTransport transport, SipStackConfig config, ComponentContext context) {
        this.transport = transport;
        this.context = context;
        this.maxTransactions = config.max_transactions();
        TransactionTimers timers;
        try {
            timers = new TransactionTimers(config.timer_t1_ms(), config.timer_t2_ms(), config.timer_t4_ms());
        } catch (IllegalArgumentException e) {
            LOG.error("org.tabphone.sip timers rejected, using the RFC 3261 defaults: {}", e.getMessage());
            timers = TransactionTimers.DEFAULT;
        }
        this.layer = TransactionLayers.create(this, timer, timers);
    }

    @Deactivate
    void deactivate() {
        layer.close();
        timer.close();
    }

    /** Bound by reference only: the handler is activated on its first request (see {@link HandlerTable}). */
    @Reference(name = "handler", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
               service = SipRequestHandler.class)
    void addHandler(ServiceReference<SipRequestHandler> ref, Map<String, Object> properties) {
        handlers.add(ref, properties, () -> context.locateService("handler", ref));
    }

    void removeHandler(ServiceReference<SipRequestHandler> ref) {
        handlers.remove(ref);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    void bindFilter(SipRequestFilter f) {
        filter = f;
    }

    void unbindFilter(SipRequestFilter f) {
        if (filter == f) {
            filter = null;
        }
    }

    // --- inbound ---------------------------------------------------------------------------

    @Override
    public void onSip(InboundSip inbound) {
        if (inbound.message() instanceof SipRequest r) {
            if (r.topVia() == null || r.from() == null || r.to() == null || r.callId() == null || r.cseq() == null) {
                // no transaction can be matched without them (RFC 3261 §8.1.1, §17.2.3): answer statelessly
                answerStatelessly(inbound, r, 400, "Missing Via, From, To, Call-ID or CSeq");
                return;
            }
            if (layer.size() >= maxTransactions) {
                answerStatelessly(inbound, r, 503, null); // overload: start no transaction
                return;
            }
            SipRequestFilter f = filter;
            if (f != null && !r.method().equals(SipMethod.ACK)) {
                SipRequestFilter.Verdict v = f.check(r, inbound.flow());
                if (!v.passes()) {
                    if (!v.drops()) {
                        answerStatelessly(inbound, r, v.status(), v.reason());
                    }
                    return;
                }
            }
        } else if (inbound.message().cseq() == null || inbound.message().topVia() == null) {
            return; // a response that can match nothing
        }
        layer.onMessage(inbound.message(), inbound.flow());
    }

    private static void answerStatelessly(InboundSip inbound, SipRequest r, int code, String reason) {
        if (r.method().equals(SipMethod.ACK)) {
            return; // ACKs are never answered
        }
        SipResponse.Builder b = reply(r, code);
        if (reason != null) {
            b.reasonPhrase(reason);
        }
        if (code == 503) {
            b.set(HeaderName.RETRY_AFTER, "5");
        }
        inbound.flow().send(b.build(), e -> { });
    }

    @Override
    public void onRequest(ServerTransaction tx) {
        SipRequest request = tx.request();
        Optional<Rejection> rejected = RequestChecks.check(request, SUPPORTED_OPTION_TAGS, SUPPORTED_SCHEMES,
            ACCEPTED_CONTENT_TYPES);
        if (rejected.isPresent()) {
            Rejection r = rejected.get();
            SipResponse.Builder b = reply(request, r.code()).reasonPhrase(r.reason());
            r.headers().forEach(h -> b.add(h.name(), h.value()));
            tx.respond(b.build());
            return;
        }
        Optional<SipRequestHandler> handler = handlers.forMethod(request.method().name());
        if (handler.isPresent()) {
            try {
                handler.get().onRequest(tx);
            } catch (RuntimeException e) {
                LOG.error("{} handler failed on {} {}", request.method(), request.callId(), e.toString(), e);
                respondIfOpen(tx, 500);
            }
        } else if (request.method().equals(SipMethod.OPTIONS)) {
            tx.respond(capabilities(request));
        } else if (request.method().equals(SipMethod.CANCEL)) {
            tx.respond(reply(request, 481).build()); // no INVITE handler: nothing to cancel
        } else {
            tx.respond(withCapabilities(reply(request, 405)).build());
        }
    }

    @Override
    public void onAck(SipRequest ack, SipPath path) {
        handlers.forMethod("ACK").ifPresent(h -> h.onAck(ack, path));
    }

    @Override
    public void onAckTimeout(ServerTransaction invite) {
        handlers.forMethod("INVITE").ifPresent(h -> h.onAckTimeout(invite));
    }

    @Override
    public boolean takesMergedRequest(SipRequest request, SipPath path) {
        InetSocketAddress source = path instanceof Flow f ? f.remote() : null;
        return handlers.forMethod(request.method().name()).map(h -> h.takesMergedRequest(request, source)).orElse(false);
    }

    @Override
    public void onStrayResponse(SipResponse response, SipPath path) {
        LOG.debug("stray {} for {} from {}", response.statusCode(), response.callId(), path);
    }

    private SipResponse.Builder withCapabilities(SipResponse.Builder b) {
        Set<String> allow = new java.util.TreeSet<>(handlers.methods());
        allow.add("OPTIONS");
        return b.set(HeaderName.ALLOW, String.join(", ", allow))
            .set(HeaderName.ACCEPT, "application/sdp")
            .set(HeaderName.SUPPORTED, String.join(", ", new java.util.TreeSet<>(SUPPORTED_OPTION_TAGS)));
    }

    private static SipResponse.Builder reply(SipRequest request, int code) {
        return SipResponse.uasReplyTo(request, code);
    }

    private static void respondIfOpen(ServerTransaction tx, int code) {
        try {
            tx.respond(reply(tx.request(), code).build());
        } catch (IllegalStateException alreadyFinal) {
            // the handler answered before failing
        }
    }

    // --- outbound --------------------------------------------------------------------------

    @Override
    public ClientTransaction sendRequest(SipRequest request, SipPath path, ClientTransactionListener listener) {
        return layer.sendRequest(request, path, listener);
    }

    @Override
    public Via newVia(SipPath path) {
        TransportKind kind = path instanceof Flow f ? f.kind()
            : path instanceof AddressPath a ? a.kind() : TransportKind.UDP;
        InetSocketAddress sentBy = transport.listenAddress(kind)
            .or(() -> transport.listenAddress(TransportKind.UDP))
            .orElseThrow(() -> new IllegalStateException("no listener to put in a Via"));
        return Via.of(kind.viaToken(), sentBy.getHostString(), sentBy.getPort(),
            Parameters.builder().add("branch", layer.newBranch()).add("rport", null).build());
    }

    @Override
    public SipResponse capabilities(SipRequest options) {
        return withCapabilities(reply(options, 200)).build();
    }

    @Override
    public int transactions() {
        return layer.size();
    }

    @Override
    public SipPath pathTo(TransportKind kind, InetSocketAddress destination) {
        return new AddressPath(transport, kind, destination, destination.getHostString(), true);
    }

    @Override
    public SipPath pathTo(TransportKind kind, InetSocketAddress destination, String serverName, boolean verify) {
        String name = serverName == null || serverName.isBlank() ? destination.getHostString() : serverName.trim();
        return new AddressPath(transport, kind, destination, name, verify);
    }
}
