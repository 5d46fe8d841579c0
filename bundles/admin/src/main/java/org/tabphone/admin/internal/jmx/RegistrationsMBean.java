package org.tabphone.admin.internal.jmx;

import java.util.Map;

/** {@code org.tabphone:type=Registrations}: what the registrar holds. */
public interface RegistrationsMBean {
    /** Live bindings across all tenants. */
    int getCount();

    /** Live bindings per tenant name. */
    Map<String, Integer> getCountByTenant();
}
