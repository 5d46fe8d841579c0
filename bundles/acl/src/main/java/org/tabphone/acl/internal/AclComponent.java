package org.tabphone.acl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.acl.api.AccessControl;
import org.tabphone.acl.api.AclRule;
import org.tabphone.acl.api.AclStatistics;
import org.tabphone.tenant.api.TenantDirectory;
import org.tabphone.transport.api.SipRequestFilter;
import org.tabphone.trunk.api.TrunkService;

/**
 * Wiring: follows {@code org.tabphone.acl} (global rules) and the tenants' {@code acl.rules}
 * live, and offers the filter the SIP stack asks before every transaction. A bad rule list is
 * logged and the last good one stays in force.
 */
@Component(service = {AccessControl.class, SipRequestFilter.class, ConfigurationListener.class}, immediate = true,
           configurationPid = RuleStore.ACL_PID)
@Designate(ocd = AclConfig.class)
public final class AclComponent implements AccessControl, SipRequestFilter, ConfigurationListener {
    private static final Logger LOG = LoggerFactory.getLogger(AclComponent.class);

    private final AclCounters counters = new AclCounters();
    private final RuleStore store;
    private final SourceRateLimiter limiter = new SourceRateLimiter(System::nanoTime);
    private final AclFilter filter;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tabphone-acl-sweep");
        t.setDaemon(true);
        return t;
    });
    private volatile AclPolicy policy = AclPolicy.EMPTY;

    @Activate
    public AclComponent(@Reference ConfigurationAdmin cm, @Reference TenantDirectory tenants, AclConfig config) {
        this.store = new RuleStore(cm);
        this.filter = new AclFilter(() -> policy, tenants, counters, limiter);
        apply(config);
        reloadTenants();
        sweeper.scheduleWithFixedDelay(limiter::sweep, 10, 10, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
    }

    /** Trunk providers are exempt from the rate limit while a trunk service is there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
               policyOption = ReferencePolicyOption.GREEDY)
    void bindTrunks(TrunkService trunks) {
        filter.unthrottled(trunks::isProvider);
    }

    void unbindTrunks(TrunkService trunks) {
        filter.unthrottled(source -> false);
    }

    @Modified
    void modified(AclConfig config) {
        apply(config);
    }

    private synchronized void apply(AclConfig config) {
        String udp = config.udp_deny() == null ? "reject" : config.udp_deny().trim();
        if (!udp.equals("reject") && !udp.equals("drop")) {
            LOG.error("org.tabphone.acl udp.deny must be reject or drop, not '{}'; keeping the previous setting", udp);
        } else {
            filter.dropUdp(udp.equals("drop"));
        }
        filter.scanners(ScannerAgents.parse(config.scanner_user_agents()));
        try {
            filter.clients(ClientAddress.trusting(config.trusted_proxies()));
        } catch (IllegalArgumentException e) {
            LOG.error("org.tabphone.acl trusted.proxies rejected, keeping the previous ones: {}", e.getMessage());
        }
        try {
            limiter.limits(RateLimits.from(config));
        } catch (IllegalArgumentException e) {
            LOG.error("org.tabphone.acl rate limit rejected, keeping the previous one: {}", e.getMessage());
        }
        try {
            List<AclRule> global = AclRules.parse(config.rules());
            policy = policy.withGlobal(global);
            LOG.info("ACL global rules: {}", global.isEmpty() ? "none" : AclRules.format(global));
        } catch (IllegalArgumentException e) {
            LOG.error("org.tabphone.acl rules rejected, keeping the previous ones: {}", e.getMessage());
        }
    }

    private synchronized void reloadTenants() {
        policy = policy.withTenants(store.tenantRules(policy));
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (RuleStore.TENANT_FACTORY_PID.equals(event.getFactoryPid())) {
            reloadTenants(); // on Config Admin's event thread, never an I/O thread
        }
    }

    @Override
    public Verdict check(org.tabphone.sip.api.SipRequest request, org.tabphone.transport.api.Flow flow) {
        return filter.check(request, flow);
    }

    @Override
    public List<AclRule> rules(String scope) {
        return policy.rules(scope);
    }

    @Override
    public List<String> scopes() {
        List<String> s = new ArrayList<>();
        s.add(GLOBAL);
        s.addAll(policy.tenantsWithConfiguration());
        return s;
    }

    @Override
    public synchronized void addRule(String scope, AclRule rule, int position) {
        AclRules.checked(rule);
        List<AclRule> rules = new ArrayList<>(rules(scope));
        rules.add(position <= 0 || position > rules.size() ? rules.size() : position - 1, rule);
        store.store(scope, rules);
        install(scope, rules);
        LOG.info("ACL {}: rule '{}' added at {}", scope, rule, rules.indexOf(rule) + 1);
    }

    @Override
    public synchronized AclRule removeRule(String scope, int position) {
        List<AclRule> rules = new ArrayList<>(rules(scope));
        if (position < 1 || position > rules.size()) {
            throw new IllegalArgumentException(scope + " has " + rules.size() + " rule(s); no rule " + position);
        }
        AclRule removed = rules.remove(position - 1);
        store.store(scope, rules);
        install(scope, rules);
        LOG.info("ACL {}: rule {} '{}' removed", scope, position, removed);
        return removed;
    }

    /** Applies a stored change at once; the configuration event that follows brings the same rules. */
    private void install(String scope, List<AclRule> rules) {
        if (GLOBAL.equals(scope)) {
            policy = policy.withGlobal(rules);
        } else {
            var all = new java.util.LinkedHashMap<String, List<AclRule>>();
            for (String t : policy.tenantsWithConfiguration()) {
                all.put(t, policy.rules(t));
            }
            all.put(scope, List.copyOf(rules));
            policy = policy.withTenants(all);
        }
    }

    @Override
    public AclStatistics statistics() {
        return counters.snapshot();
    }
}
