package org.tabphone.registrar.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.registrar.api.Binding;
import org.tabphone.registrar.internal.relay.Replies;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.auth.DigestAlgorithm;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.tenant.api.DigestAuthenticator;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;
import org.tabphone.transport.api.Flow;

/**
 * Processes a REGISTER as RFC 3261 §10.3 lists it: domain → tenant (step 1), authentication
 * (step 3), authorisation of the AOR (step 4), AOR check (step 5), Contact processing with
 * expiry bounds, Call-ID/CSeq ordering and wildcard removal (steps 6–7), and the 200 listing
 * the current bindings (step 8). Bindings keep the flow the REGISTER arrived on (RFC 5626).
 */
final class RegisterHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RegisterHandler.class);

    private final TenantDirectory tenants;
    private final BindingStore store;
    private final DigestAuthenticator auth;
    private final AuthFailures failures;
    private final LongSupplier clock;
    private volatile RegistrarSettings settings;

    RegisterHandler(TenantDirectory tenants, BindingStore store, DigestAuthenticator auth, AuthFailures failures,
                    LongSupplier clock, RegistrarSettings settings) {
        this.tenants = tenants;
        this.store = store;
        this.auth = auth;
        this.failures = failures;
        this.clock = clock;
        this.settings = settings;
    }

    void settings(RegistrarSettings s) {
        settings = s;
    }

    void handle(ServerTransaction tx) {
        tx.respond(process(tx.request(), (Flow) tx.path()));
    }

    SipResponse process(SipRequest req, Flow flow) {
        RegistrarSettings s = settings;
        long now = clock.getAsLong();
        InetSocketAddress source = flow.remote();
        if (failures.isBanned(source.getAddress(), now, s.maxAuthFailures(), s.authBanSeconds() * 1000L)) {
            return reply(req, 403, "Too many failed authentications").build();
        }
        if (!(req.requestUri() instanceof SipUri ruri)) {
            return reply(req, 400, "Request-URI must be a SIP URI").build();
        }
        Optional<Tenant> found = tenants.byDomain(ruri.host());
        if (found.isEmpty()) {
            return reply(req, 404, "Domain not served here").build();
        }
        Tenant tenant = found.get();
        if (!(req.to().uri() instanceof SipUri to) || to.user().isEmpty()) {
            return reply(req, 400, "To must be a SIP URI with a user").build(); // RFC 4475 §3.3.4
        }
        String aorUser = to.userDecoded().orElseThrow();

        DigestAuthenticator.Outcome outcome = auth.check(req, HeaderName.AUTHORIZATION, tenant, now,
            s.nonceLifetimeSeconds() * 1000L);
        if (outcome instanceof DigestAuthenticator.Outcome.Challenge c) {
            return challenge(req, tenant, c.stale(), now);
        }
        if (outcome instanceof DigestAuthenticator.Outcome.Malformed m) {
            return reply(req, 400, m.reason()).build();
        }
        if (outcome instanceof DigestAuthenticator.Outcome.WrongCredentials w) {
            int n = failures.fail(source.getAddress(), now, s.authBanSeconds() * 1000L);
            LOG.warn("{} REGISTER {}@{} from {}: wrong credentials for user '{}' ({} of {})", flow.id(), aorUser,
                tenant.name(), source, w.username(), n, s.maxAuthFailures());
            return n >= s.maxAuthFailures()
                ? reply(req, 403, "Too many failed authentications").build()
                : challenge(req, tenant, false, now);
        }
        failures.succeeded(source.getAddress());
        String authUser = ((DigestAuthenticator.Outcome.Authenticated) outcome).user().username();
        if (!authUser.equals(aorUser)) {
            return reply(req, 403, "User " + authUser + " may not register " + aorUser).build();
        }
        return updateBindings(req, flow, new AorKey(tenant.name(), aorUser), tenant, s, now);
    }

    private SipResponse updateBindings(SipRequest req, Flow flow, AorKey aor, Tenant tenant, RegistrarSettings s, long now) {
        OptionalLong headerExpires = expiresHeader(req);
        if (headerExpires == null) {
            return reply(req, 400, "Bad Expires header").build();
        }
        if (req.isWildcardContact()) {
            if (req.contacts().size() > 1 || headerExpires.orElse(-1) != 0) {
                return reply(req, 400, "Contact * needs Expires: 0 and no other Contact").build(); // §10.3 step 6
            }
            store.update(aor, list -> List.of());
            LOG.info("{} {}@{} unregistered all contacts", flow.id(), aor.user(), aor.tenant());
            return ok(req, List.of(), now);
        }
        List<ContactUpdate> updates = new ArrayList<>();
        for (NameAddress contact : req.contacts()) {
            Optional<ContactUpdate> u = ContactUpdate.of(contact, headerExpires, s);
            if (u.isEmpty()) {
                return reply(req, 400, "Bad expires parameter in Contact").build();
            }
            if (u.get().expiresSeconds() > 0 && u.get().expiresSeconds() < s.minExpires()) {
                return reply(req, 423, null).set(HeaderName.MIN_EXPIRES, Integer.toString(s.minExpires())).build();
            }
            updates.add(u.get());
        }
        BindingChange change = new BindingChange(req, flow, aor, updates, now, s.maxContactsPerAor());
        int added = change.added(store.lookup(aor, now));
        if (added > 0 && store.count(tenant.name()) + added > tenant.limits().maxRegistrations()) {
            return reply(req, 403, "Registration limit of tenant reached").build();
        }
        List<Binding> result = store.update(aor, change::apply);
        if (change.rejection() != null) {
            return reply(req, change.rejection().code(), change.rejection().reason()).build();
        }
        if (!updates.isEmpty()) {
            LOG.debug("{} {}@{} now has {} binding(s) via {} {}", flow.id(), aor.user(), aor.tenant(), result.size(),
                flow.kind(), flow.remote());
        }
        SipResponse.Builder ok = okBuilder(req, result, now);
        if (updates.stream().anyMatch(u -> u.regId() > 0 && u.instanceId() != null)) {
            ok.set(HeaderName.REQUIRE, "outbound"); // RFC 5626 §6: we keep the flow for this registration
        }
        return ok.build();
    }

    private SipResponse ok(SipRequest req, List<Binding> bindings, long now) {
        return okBuilder(req, bindings, now).build();
    }

    private SipResponse.Builder okBuilder(SipRequest req, List<Binding> bindings, long now) {
        SipResponse.Builder b = reply(req, 200, null);
        for (Binding binding : bindings) {
            NameAddress c = NameAddress.of(binding.contact())
                .withParam("expires", Long.toString(binding.expiresInSeconds(now)));
            if (binding.instanceId() != null) {
                c = c.withParam("+sip.instance", binding.instanceId());
            }
            if (binding.regId() > 0) {
                c = c.withParam("reg-id", Integer.toString(binding.regId()));
            }
            b.add(HeaderName.CONTACT, c);
        }
        for (String path : req.headers(HeaderName.PATH)) {
            b.add(HeaderName.PATH, path); // RFC 3327 §5.3
        }
        return b;
    }

    private SipResponse challenge(SipRequest req, Tenant tenant, boolean stale, long now) {
        SipResponse.Builder b = reply(req, 401, null);
        List<DigestAlgorithm> algorithms = tenant.digestAlgorithms().isEmpty()
            ? settings.digestAlgorithms() : tenant.digestAlgorithms();
        for (String c : auth.challenges(tenant, stale, now, algorithms)) {
            b.add(HeaderName.WWW_AUTHENTICATE, c);
        }
        return b.build();
    }

    /** Empty when absent, null when malformed. */
    private static OptionalLong expiresHeader(SipRequest req) {
        Optional<String> v = req.header(HeaderName.EXPIRES);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long e = Long.parseLong(v.get().trim());
            return e < 0 ? null : OptionalLong.of(e);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static SipResponse.Builder reply(SipRequest req, int code, String reason) {
        return Replies.reply(req, code, reason);
    }
}
