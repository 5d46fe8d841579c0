package org.tabphone.admin.internal.jmx;

import java.util.Map;
import java.util.TreeMap;

import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.registrar.api.LocationService;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;

/** Registered in JMX by the Aries whiteboard through its {@code jmx.objectname} property. */
@Component(service = Object.class, property = "jmx.objectname=org.tabphone:type=Registrations")
public final class Registrations extends StandardMBean implements RegistrationsMBean {
    private final LocationService locations;
    private final TenantDirectory tenants;

    @Activate
    public Registrations(@Reference LocationService locations, @Reference TenantDirectory tenants)
            throws NotCompliantMBeanException {
        super(RegistrationsMBean.class);
        this.locations = locations;
        this.tenants = tenants;
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
