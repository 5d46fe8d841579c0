package org.tabphone.call.internal.b2bua;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.call.api.CallEvent;
import org.tabphone.call.api.CallEventListener;
import org.tabphone.call.api.CallInfo;
import org.tabphone.call.api.CallService;
import org.tabphone.media.api.MediaService;
import org.tabphone.registrar.api.Binding;
import org.tabphone.registrar.api.LocationService;
import org.tabphone.routing.api.CallRouter;
import org.tabphone.routing.api.RouteDecision;
import org.tabphone.routing.api.RouteRequest;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.dialog.DialogId;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.tenant.api.SipUser;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;
import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.FlowListener;
import org.tabphone.transport.api.SipRequestHandler;
import org.tabphone.transport.api.SipStack;
import org.tabphone.transport.api.SipTransport;
import org.tabphone.trunk.api.InboundAdmission;
import org.tabphone.trunk.api.TrunkService;

/**
 * Wiring and dispatch of the B2BUA: new INVITEs (from a tenant's user: once it answered the 407
 * digest challenge) become {@link Call}s routed by the best
 * {@link CallRouter} (highest ranking, rebound live; each call keeps the router it started
 * with), in-dialog BYEs and CANCELs find their call, REFER transfers it, other in-dialog
 * requests (re-INVITE, UPDATE, INFO, MESSAGE) are relayed to the other leg. In-dialog requests for unknown dialogs get 481.
 */
@Component(service = {SipRequestHandler.class, CallService.class, FlowListener.class},
           property = SipRequestHandler.METHODS + "=INVITE,ACK,BYE,CANCEL,UPDATE,INFO,REFER,MESSAGE")
public final class CallComponent implements SipRequestHandler, CallService, FlowListener {
    private static final Logger LOG = LoggerFactory.getLogger(CallComponent.class);

    private final TenantDirectory tenants;
    private final LocationService locations;
    private final CallTable table = new CallTable();
    private final CallEvents events = new CallEvents();
    private final CallContext ctx;
    private final LegRequests requests;
    private final InDialogRelay relay;
    private final CallerAuthentication callers;
    private final ScheduledExecutorService timers;
    /** DNS lookups of RingUri endpoints' host names: blocking, so never on an I/O or timer thread. */
    private final ThreadPoolExecutor resolver;
    private final EndpointLocator endpoints;
    /** How long a call may ring before the gateway gives up (480 No answer). */
    static final long RING_TIMEOUT_MILLIS = 120_000;
    /** Concurrent host-name lookups; more wait, up to the backlog, and beyond it a call gets 503. */
    private static final int RESOLVER_THREADS = 4;
    private static final int RESOLVER_BACKLOG = 1000;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    private volatile CallRouter router;

    /** Anchors calls' media when installed; without it SDP passes through (browser↔browser still works). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    private volatile MediaService media;

    /** Trunks (BYOC) when the trunk bundles are installed: inbound admission, capacity, outbound lines. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    private volatile TrunkService trunks;

    @Activate
    public CallComponent(@Reference SipStack stack, @Reference SipTransport transport,
                         @Reference TenantDirectory tenants, @Reference LocationService locations) {
        this.tenants = tenants;
        this.locations = locations;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tabphone-call-timers");
            t.setDaemon(true);
            return t;
        });
        this.resolver = new ThreadPoolExecutor(RESOLVER_THREADS, RESOLVER_THREADS, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(RESOLVER_BACKLOG), r -> {
                Thread t = new Thread(r, "tabphone-call-resolver");
                t.setDaemon(true);
                return t;
            });
        resolver.allowCoreThreadTimeOut(true); // idle without RingUri-by-name calls
        this.endpoints = new EndpointLocator(resolver);
        this.ctx = new CallContext(stack, transport, locations, table, events, timers, RING_TIMEOUT_MILLIS, () -> media);
        this.requests = new LegRequests(stack, transport);
        this.relay = new InDialogRelay(stack, requests);
        this.callers = new CallerAuthentication(tenants);
    }

    @Deactivate
    void deactivate() {
        timers.shutdownNow();
        resolver.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(CallEventListener l, java.util.Map<String, Object> properties) {
        events.add(l, properties); // CallEventListener.SINK: held call ends are replayed to it
    }

    void removeListener(CallEventListener l) {
        events.remove(l);
    }

    @Override
    public void onRequest(ServerTransaction tx) {
        SipRequest r = tx.request();
        if (r.method().equals(SipMethod.CANCEL)) {
            Call call = tx.cancelledInvite().map(table::byInvite).orElse(null);
            if (call == null) {
                tx.respond(reply(r, 481, "No such call to cancel"));
            } else {
                call.cancelledByCaller(tx);
            }
            return;
        }
        if (r.to().tag().isPresent()) {
            inDialog(tx, r);
            return;
        }
        if (r.method().equals(SipMethod.INVITE)) {
            newCall(tx, r);
        } else if (r.method().equals(SipMethod.MESSAGE) || r.method().equals(SipMethod.REFER)) {
            tx.respond(reply(r, 501, "Only within a call")); // no pager-mode messaging or out-of-dialog REFER
        } else {
            tx.respond(reply(r, 481, "Call/Transaction Does Not Exist")); // a BYE outside any dialog
        }
    }

    private void inDialog(ServerTransaction tx, SipRequest r) {
        DialogId id = DialogId.ofIncoming(r);
        Call call = table.byDialog(id);
        if (call == null) {
            tx.respond(reply(r, 481, null));
        } else if (r.method().equals(SipMethod.BYE)) {
            call.byeReceived(tx, id);
        } else if (r.method().equals(SipMethod.REFER)) {
            refer(tx, call, id);
        } else {
            LegPair legs = call.legsFor(id);
            if (legs == null) {
                tx.respond(reply(r, 491, "Call not answered yet")); // RFC 3261 §14.2: retry later
            } else {
                relay.relay(tx, legs);
            }
        }
    }

    /** RFC 3515: Refer-To names the target; the call's tenant resolves it to a user and its contacts. */
    private void refer(ServerTransaction tx, Call call, DialogId id) {
        SipRequest r = tx.request();
        Optional<String> value = r.header(HeaderName.REFER_TO);
        NameAddress referTo;
        try {
            referTo = NameAddress.parse(value.orElseThrow());
        } catch (RuntimeException e) {
            tx.respond(reply(r, 400, value.isEmpty() ? "Missing Refer-To" : "Bad Refer-To"));
            return;
        }
        Optional<Replaces> replaces;
        try {
            replaces = Replaces.inReferTo(referTo);
        } catch (IllegalArgumentException e) {
            tx.respond(reply(r, 400, "Bad Replaces in Refer-To"));
            return;
        }
        if (replaces.isPresent()) { // attended transfer: the dialog it names is another call's leg of the transferor
            DialogId named = replaces.get().dialogId();
            Call other = table.byDialog(named);
            call.referJoin(tx, id, other == null || other == call ? null : other.lendForJoin(named));
            return;
        }
        Optional<Tenant> tenant = tenants.byName(call.tenant());
        Optional<SipUser> target = tenant.flatMap(t -> TransferTargets.resolve(t, referTo));
        List<Binding> bindings = target.map(u -> locations.lookup(call.tenant(), u.username())).orElse(List.of());
        call.referReceived(tx, id, target, bindings);
    }

    private void newCall(ServerTransaction tx, SipRequest invite) {
        if (!(invite.requestUri() instanceof SipUri uri)) {
            tx.respond(reply(invite, 416, null));
            return;
        }
        if (invite.maxForwards().orElse(70) <= 0) {
            tx.respond(reply(invite, 483, null)); // RFC 3261 §16.3 step 3
            return;
        }
        CallRouter chosen = router; // this call keeps this router
        if (chosen == null) {
            tx.respond(reply(invite, 503, "No call router"));
            return;
        }
        int interval = SessionTimers.requested(invite);
        if (interval > 0 && interval < SessionTimers.MIN_SE) { // RFC 4028 §8.1.1
            tx.respond(SipResponse.uasReplyTo(invite, 422).set(HeaderName.MIN_SE, Integer.toString(SessionTimers.MIN_SE))
                .build());
            return;
        }
        TrunkService trunkService = trunks;
        Optional<InboundAdmission> fromTrunk = trunkService == null ? Optional.empty()
            : trunkService.admitInbound(tx.path() instanceof Flow f ? f.remote() : null, invite);
        if (fromTrunk.isPresent()) {
            inboundFromTrunk(tx, invite, fromTrunk.get(), chosen);
            return;
        }
        Optional<Tenant> tenant = tenants.byDomain(uri.host());
        if (tenant.isEmpty()) {
            tx.respond(reply(invite, 404, "Domain not served here"));
            return;
        }
        CallerAuthentication.Verdict verdict = callers.check(invite);
        if (verdict instanceof CallerAuthentication.Verdict.Refuse refuse) {
            tx.respond(refuse.response());
            return;
        }
        Tenant t = tenant.get();
        if (invite.header(HeaderName.REPLACES).isPresent()) {
            replacing(tx, invite, t);
            return;
        }
        Optional<String> caller = ((CallerAuthentication.Verdict.Proceed) verdict).userOf(t.name());
        Call call = startCall(tx, t);
        if (call != null) {
            route(call, chosen, new RouteRequest(t, invite, caller), t);
        }
    }

    /**
     * RFC 3891 §3: an INVITE with Replaces takes the place of the leg it names: 481 when the
     * gateway has no such dialog — an early one it did not initiate (a caller's, still ringing)
     * included — the rest is the call's: a confirmed leg's (486 for early-only, 603 for a leg
     * already transferred away), or the early dialog of a branch it rings (directed call pickup,
     * {@link CallPickup}). The new party is authenticated like any caller first.
     */
    private void replacing(ServerTransaction tx, SipRequest invite, Tenant t) {
        Replaces replaces;
        try {
            replaces = Replaces.parse(invite.header(HeaderName.REPLACES).orElseThrow());
        } catch (IllegalArgumentException e) {
            tx.respond(reply(invite, 400, "Bad Replaces header"));
            return;
        }
        Call call = table.byDialog(replaces.dialogId());
        if (call == null) { // early dialogs aren't in the table: the calls of the tenant still ringing are looked through
            Call ringing = table.all().stream()
                .filter(c -> c.tenant().equals(t.name()) && c.ringingBranch(replaces.dialogId()) != null)
                .findFirst().orElse(null);
            if (ringing != null) {
                ringing.pickedUpBy(tx, replaces);
                return;
            }
        }
        if (call == null || !call.tenant().equals(t.name())) {
            tx.respond(reply(invite, 481, "Replaces names no dialog here"));
            return;
        }
        call.replacedBy(tx, replaces);
    }

    /** An INVITE from a trunk's provider: no digest (the provider is known by address); it rings, waits at 180, or is refused. */
    private void inboundFromTrunk(ServerTransaction tx, SipRequest invite, InboundAdmission admission, CallRouter chosen) {
        if (admission instanceof InboundAdmission.Refused r) {
            tx.respond(reply(invite, r.code(), r.reason()));
            return;
        }
        String tenantName = admission.tenant();
        Optional<Tenant> tenant = tenants.byName(tenantName);
        if (tenant.isEmpty()) {
            if (admission instanceof InboundAdmission.Admitted a) {
                a.call().release();
            }
            LOG.warn("trunk {}: its tenant '{}' is not configured; INVITE {} refused", admission.trunk(), tenantName,
                invite.callId());
            tx.respond(reply(invite, 404, "Trunk tenant unknown"));
            return;
        }
        Call call = startCall(tx, tenant.get());
        if (call == null) {
            if (admission instanceof InboundAdmission.Admitted a) {
                a.call().release();
            }
            return;
        }
        if (admission instanceof InboundAdmission.Admitted a) {
            call.fromTrunk(a.call());
            route(call, chosen, new RouteRequest(tenant.get(), invite, Optional.empty(),
                Optional.of(new RouteRequest.FromTrunk(a.trunk(), a.number(), a.user()))), tenant.get());
        } else {
            call.hold();
        }
    }

    /** A new call of tenant {@code t}, or null (answered 503) when the tenant is at its max.calls. */
    private Call startCall(ServerTransaction tx, Tenant t) {
        Call call = new Call(ctx, requests, t.name(), t.domains().get(0), tx);
        if (!table.add(call, t.limits().maxCalls())) {
            LOG.info("tenant {} has {} calls (max.calls): INVITE {} refused", t.name(), t.limits().maxCalls(),
                tx.request().callId());
            tx.respond(SipResponse.uasReplyTo(tx.request(), 503).reasonPhrase("Tenant call limit reached")
                .set(HeaderName.RETRY_AFTER, "5").build());
            return null;
        }
        events.emit(CallEvent.Type.STARTED, call, 0, null);
        return call;
    }

    private void route(Call call, CallRouter chosen, RouteRequest request, Tenant t) {
        try {
            chosen.route(request).whenComplete((decision, error) -> follow(call, decision, error, t));
        } catch (RuntimeException e) {
            LOG.warn("call {}: router failed", call.id(), e);
            call.reject(500, "Routing failed");
        }
    }

    /** Acts on a router's decision; a failure here rejects the call (a stage would swallow it and leave it at ROUTING). */
    private void follow(Call call, RouteDecision decision, Throwable error, Tenant t) {
        try {
            if (error != null) {
                LOG.warn("call {}: router failed", call.id(), error);
                call.reject(500, "Routing failed");
            } else if (decision instanceof RouteDecision.Reject rej) {
                call.reject(rej.code(), rej.reason());
            } else if (decision instanceof RouteDecision.RingUsers ring) {
                List<Binding> targets = new ArrayList<>();
                ring.users().forEach(u -> targets.addAll(locations.lookup(t.name(), u)));
                call.ring(targets);
            } else if (decision instanceof RouteDecision.ViaTrunks via) {
                TrunkService s = trunks;
                if (s == null) {
                    call.reject(503, "No trunks installed");
                } else {
                    call.ringTrunk(via.routes(), s);
                }
            } else if (decision instanceof RouteDecision.RingUri byUri) {
                ringEndpoint(call, byUri.uri());
            }
        } catch (RuntimeException e) {
            LOG.warn("call {}: acting on the route failed", call.id(), e);
            call.reject(500, "Routing failed");
        }
    }

    /** RingUri: the endpoint's address (looked up off this thread for a host name), then its INVITE. */
    private void ringEndpoint(Call call, SipUri uri) {
        endpoints.locate(uri).whenComplete((location, error) -> {
            try {
                if (location instanceof EndpointLocator.Located at) {
                    call.ringUri(at.endpoint(), at.address(), ctx.stack().pathTo(at.endpoint().transport(), at.address()));
                } else if (location instanceof EndpointLocator.Unreachable no) {
                    LOG.info("call {}: endpoint {} unreachable: {} ({})", call.id(), uri, no.reason(), no.code());
                    call.reject(no.code(), no.reason());
                } else {
                    throw new IllegalStateException("no location", error);
                }
            } catch (RuntimeException e) { // a stage swallows it: the caller would wait at ROUTING for ever
                LOG.warn("call {}: ringing endpoint {} failed", call.id(), uri, e);
                call.reject(500, "Routing failed");
            }
        });
    }

    private static SipResponse reply(SipRequest r, int code, String reason) {
        SipResponse.Builder b = SipResponse.uasReplyTo(r, code);
        return (reason == null ? b : b.reasonPhrase(reason)).build();
    }

    /**
     * An INVITE forked to us over two trunks (an RFC 3261 §8.2.2.2 merged request) is taken, to
     * hold the sibling at 180, and so are the CANCELs of both (each matches its INVITE by branch).
     */
    @Override
    public boolean takesMergedRequest(SipRequest request, java.net.InetSocketAddress source) {
        TrunkService s = trunks;
        boolean inviteOrCancel = request.method().equals(SipMethod.INVITE) || request.method().equals(SipMethod.CANCEL);
        return inviteOrCancel && source != null && s != null && s.isProvider(source);
    }

    @Override
    public void onAckTimeout(ServerTransaction invite) {
        Call call = table.byInvite(invite);
        if (call != null) {
            call.ackTimedOut();
        }
    }

    @Override
    public void onFlowClosed(Flow flow) {
        if (!flow.kind().isStream()) {
            return; // a UDP "flow" only ends by idling out: that says nothing about a call
        }
        for (Call call : table.all()) {
            call.flowClosed(flow.id());
        }
    }

    @Override
    public List<CallInfo> calls() {
        return table.all().stream().map(Call::info).toList();
    }

    @Override
    public boolean hangup(String callId) {
        Call call = table.byId(callId);
        return call != null && call.hangup();
    }

    @Override
    public CallCounters counters() {
        return new CallCounters(events.attempts.sum(), events.answered.sum(), events.failed.sum(), table.size());
    }
}
