package org.tabphone.registrar.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tabphone.sip.api.auth.DigestAlgorithm;
import org.tabphone.tenant.api.SipUser;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;
import org.tabphone.tenant.api.TenantLimits;

/** A one-tenant directory: tenant "demo", domain demo.test, users 1001..1003 with password "pw<user>". */
final class TestTenants implements TenantDirectory {
    static final String REALM = "demo.test";

    private final Tenant demo;

    TestTenants(int maxRegistrations) {
        Map<String, SipUser> users = new java.util.HashMap<>();
        for (String u : List.of("1001", "1002", "1003")) {
            users.put(u, new SipUser(u, "User " + u, DigestAlgorithm.MD5.ha1(u, REALM, "pw" + u),
                DigestAlgorithm.SHA_256.ha1(u, REALM, "pw" + u)));
        }
        demo = new Tenant() {
            @Override
            public String name() {
                return "demo";
            }

            @Override
            public List<String> domains() {
                return List.of("demo.test");
            }

            @Override
            public String realm() {
                return REALM;
            }

            @Override
            public boolean isFallback() {
                return false;
            }

            @Override
            public TenantLimits limits() {
                return new TenantLimits(maxRegistrations, 10);
            }

            @Override
            public org.tabphone.tenant.api.IceServers iceServers() {
                return org.tabphone.tenant.api.IceServers.NONE;
            }

            @Override
            public List<DigestAlgorithm> digestAlgorithms() {
                return List.of();
            }

            @Override
            public Optional<SipUser> user(String username) {
                return Optional.ofNullable(users.get(username));
            }

            @Override
            public List<SipUser> users() {
                return List.copyOf(users.values());
            }
        };
    }

    @Override
    public Optional<Tenant> byDomain(String domain) {
        return "demo.test".equalsIgnoreCase(domain) ? Optional.of(demo) : Optional.empty();
    }

    @Override
    public Optional<Tenant> byName(String name) {
        return "demo".equals(name) ? Optional.of(demo) : Optional.empty();
    }

    @Override
    public List<Tenant> tenants() {
        return List.of(demo);
    }
}
