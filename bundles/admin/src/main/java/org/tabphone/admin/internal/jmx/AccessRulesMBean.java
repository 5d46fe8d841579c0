package org.tabphone.admin.internal.jmx;

/** {@code org.tabphone:type=Acl}: access-control decisions. */
public interface AccessRulesMBean {
    long getChecked();

    long getAllowedByRule();

    long getDenied();

    long getDropped();

    /** Requests over a source's rate limit (503 once a second, the rest dropped). */
    long getRateLimited();

    /** Requests dropped for a scanner's User-Agent. */
    long getScanners();

    /** {@code scope=count} per scope (global or tenant) that denied something. */
    String[] getDeniedByScope();

    /** Every rule as {@code scope#n rule}, in the order they are checked. */
    String[] getRules();
}
