package org.tabphone.tenant.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tabphone.sip.api.auth.DigestAlgorithm;
import org.tabphone.tenant.api.IceServers;
import org.tabphone.tenant.api.SipUser;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantLimits;

/** An immutable tenant snapshot: settings plus the users read from its file. */
final class ConfiguredTenant implements Tenant {
    private final TenantSettings settings;
    private final Map<String, SipUser> users;

    ConfiguredTenant(TenantSettings settings, Map<String, SipUser> users) {
        this.settings = settings;
        this.users = Map.copyOf(users);
    }

    TenantSettings settings() {
        return settings;
    }

    ConfiguredTenant withUsers(Map<String, SipUser> newUsers) {
        return new ConfiguredTenant(settings, newUsers);
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public List<String> domains() {
        return settings.domains();
    }

    @Override
    public String realm() {
        return settings.realm();
    }

    @Override
    public boolean isFallback() {
        return settings.fallback();
    }

    @Override
    public TenantLimits limits() {
        return settings.limits();
    }

    @Override
    public IceServers iceServers() {
        return settings.iceServers();
    }

    @Override
    public List<DigestAlgorithm> digestAlgorithms() {
        return settings.digestAlgorithms();
    }

    @Override
    public Optional<SipUser> user(String username) {
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public List<SipUser> users() {
        return users.values().stream().sorted((a, b) -> a.username().compareTo(b.username())).toList();
    }

    @Override
    public String toString() {
        return "Tenant[" + name() + " " + domains() + ", " + users.size() + " users]";
    }
}
