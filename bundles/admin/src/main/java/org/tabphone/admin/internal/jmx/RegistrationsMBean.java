package org.tabphone.admin.internal.jmx;

import java.util.Map;

/** {@code org.tabphone:type=Registrations}: what the registrar holds. */
public interface RegistrationsMBean {
    /** Live bindings across all tenants. */
    int getCount();

    /** Live bindings per tenant name. */
    Map<String, Integer> getCountByTenant();

    /** Sources refused for repeated wrong passwords now. */
    int getBannedSources();

    /** Source address → "banned, N failures, S s left" (or "N failures" below the limit). */
    Map<String, String> getAuthFailures();

    /** Forgets a source's wrong passwords (lifts its ban); false when none were counted. */
    boolean liftBan(String address) throws java.net.UnknownHostException;
}
