package org.tabphone.tenant.internal;

/**
 * Bundle-internal service between a configured tenant and the directory: the directory reads
 * the current snapshot and asks for the users file to be re-read; the tenant tells the
 * directory when its snapshot changed.
 */
interface TenantSource {
    /** The last good snapshot. */
    ConfiguredTenant current();

    /** Re-reads the users file if it changed on disk. Blocking file I/O: call off event loops. */
    void refreshUsers();

    /** Who to tell when {@link #current()} changed; null to stop. */
    void onChange(Runnable listener);
}
