package org.tabphone.acl.internal;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;
import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.SipRequestFilter;
import org.tabphone.transport.api.TransportKind;

/**
 * Rate-limits every request per source address, drops known scanners' requests, then applies
 * the rules to REGISTER and to
 * INVITEs that start a dialog, from the flow's peer
 * address (for WS/WSS the TCP peer). The tenant is the one owning the Request-URI's domain,
 * else the From domain's (a tenant's user calling out). Runs on I/O threads: reads an immutable
 * policy, allocates only the address bytes.
 */
final class AclFilter implements SipRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(AclFilter.class);

    private final Supplier<AclPolicy> policy;
    private final TenantDirectory tenants;
    private final AclCounters counters;
    private final SourceRateLimiter limiter;
    private volatile boolean dropUdp;
    private volatile ScannerAgents scanners = ScannerAgents.NONE;
    private volatile ClientAddress clients = ClientAddress.NO_PROXIES;
    /** Sources the rate limit never throttles: the trunks' providers (a busy PBX or carrier is no flood). */
    private volatile Predicate<InetSocketAddress> unthrottled = source -> false;

    AclFilter(Supplier<AclPolicy> policy, TenantDirectory tenants, AclCounters counters, SourceRateLimiter limiter) {
        this.policy = policy;
        this.tenants = tenants;
        this.counters = counters;
        this.limiter = limiter;
    }

    void dropUdp(boolean drop) {
        dropUdp = drop;
    }

    void scanners(ScannerAgents s) {
        scanners = s;
    }

    void clients(ClientAddress c) {
        clients = c;
    }

    void unthrottled(Predicate<InetSocketAddress> p) {
        unthrottled = p;
    }

    @Override
    public Verdict check(SipRequest request, Flow flow) {
        InetSocketAddress source = flow.remote();
        byte[] peer = source.getAddress().getAddress();
        byte[] address = clients.of(flow, peer); // behind a trusted proxy: the client it names
        String method = request.method().name();
        Verdict rate = limiter.check(address); // first: a flood never reaches the rules
        if (!rate.passes() && !unthrottled.test(source)) { // asked only over the limit: no cost per request
            counters.throttled();
            if (!rate.drops()) { // once a second per flooding source
                LOG.info("rate limit: {} from {} ({}) over its limit: 503, more requests this second dropped", method,
                    source, flow.kind());
            }
            return rate;
        }
        String scanner = scanners.match(request);
        if (scanner != null) {
            counters.scanner();
            LOG.debug("scanner '{}' dropped: {} from {} ({})", scanner, method, source, flow.kind()); // floods: not INFO
            return Verdict.DROP;
        }
        boolean register = method.equals("REGISTER");
        if (!register && !(method.equals("INVITE") && request.to().tag().isEmpty())) {
            return Verdict.PASS; // in-dialog requests follow the decision on the dialog's INVITE
        }
        counters.checked();
        String tenant = tenantOf(request, register);
        CompiledRule rule = policy.get().match(tenant, address, method, flow.kind());
        if (rule == null) {
            return Verdict.PASS;
        }
        if (rule.rule().allow()) {
            counters.allowedByRule();
            if (LOG.isDebugEnabled()) {
                LOG.debug("ACL allowed {} from {} ({}) tenant {}: rule {}", method, source, flow.kind(), tenant, rule.label());
            }
            return Verdict.PASS;
        }
        boolean drop = dropUdp && flow.kind() == TransportKind.UDP;
        counters.denied(rule.scope(), drop);
        LOG.info("ACL {} {} from {} ({}) tenant {}: rule {}", drop ? "dropped" : "denied (403)", method,
            address == peer ? source : Cidr.text(address) + " via " + source, flow.kind(), tenant, rule.label());
        return drop ? Verdict.DROP : rule.denial();
    }

    private String tenantOf(SipRequest request, boolean register) {
        Optional<Tenant> t = request.requestUri() instanceof SipUri ruri ? tenants.byDomain(ruri.host()) : Optional.empty();
        if (t.isEmpty() && !register && request.from().uri() instanceof SipUri from) {
            t = tenants.byDomain(from.host());
        }
        return t.map(Tenant::name).orElse(null);
    }
}
