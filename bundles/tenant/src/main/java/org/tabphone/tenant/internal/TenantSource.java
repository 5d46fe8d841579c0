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

    /**
     * Re-reads the users file now, changed stamp or not: after {@link UsersFileWriter} replaced it,
     * so the change is visible at once (a rewrite within the file system's time-stamp granularity
     * would look unchanged to {@link #refreshUsers()}).
     */
    void reloadUsers();

    /** Who to tell when {@link #current()} changed; null to stop. */
    void onChange(Runnable listener);
}
