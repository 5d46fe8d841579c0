package org.tabphone.admin.internal.jmx;

import java.util.Map;
import java.util.TreeMap;

import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.admin.internal.command.Addresses;
import org.tabphone.registrar.api.AuthBans;
import org.tabphone.registrar.api.LocationService;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;

/** Registered in JMX by the Aries whiteboard through its {@code jmx.objectname} property. */
@Component(service = Object.class, property = "jmx.objectname=org.tabphone:type=Registrations")
public final class Registrations extends StandardMBean implements RegistrationsMBean {
    private final LocationService locations;
    private final TenantDirectory tenants;
    private final AuthBans bans;

    @Activate
    public Registrations(@Reference LocationService locations, @Reference TenantDirectory tenants,
                         @Reference AuthBans bans) throws NotCompliantMBeanException {
        super(RegistrationsMBean.class);
        this.locations = locations;
        this.tenants = tenants;
        this.bans = bans;
    }

    @Override
    public int getBannedSources() {
        return (int) bans.sources().stream().filter(AuthBans.Ban::banned).count();
    }

    @Override
    public Map<String, String> getAuthFailures() {
        Map<String, String> m = new TreeMap<>();
        for (AuthBans.Ban b : bans.sources()) {
            m.put(b.source().getHostAddress(), (b.banned() ? "banned, " : "") + b.failures() + " failures, "
                + b.secondsLeft() + " s left");
        }
        return m;
    }

    @Override
    public boolean liftBan(String address) throws java.net.UnknownHostException {
        return bans.lift(Addresses.literal(address));
    }

    @Override
    public int getCount() {
        return locations.count();
    }

    @Override
    public Map<String, Integer> getCountByTenant() {
        Map<String, Integer> m = new TreeMap<>();
        for (Tenant t : tenants.tenants()) {
            m.put(t.name(), locations.bindings(t.name()).size());
        }
        return m;
    }
}
