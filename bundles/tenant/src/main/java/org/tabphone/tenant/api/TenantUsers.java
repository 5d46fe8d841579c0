package org.tabphone.tenant.api;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Changes a tenant's users. Each change rewrites the tenant's users file atomically (comments
 * and other lines kept) and is visible in {@link TenantDirectory} when the method returns.
 * Only HA1 values (MD5 and SHA-256, made with the tenant's realm) are stored; passwords are
 * neither kept nor logged. Changes to one file are serialised. Blocking file I/O: never call
 * from an event loop.
 */
@ProviderType
public interface TenantUsers {
    /**
     * Adds a user; fails with {@link UserChangeException.Reason#USER_EXISTS} if the file has a
     * line for it.
     *
     * @param displayName null or blank: the user name
     */
    SipUser add(String tenant, String username, String password, String displayName) throws UserChangeException;

    /** Sets a new password of an existing user; its display name stays. */
    SipUser setPassword(String tenant, String username, String password) throws UserChangeException;

    /** Sets a new display name of an existing user; its credentials stay. Blank: the user name. */
    SipUser setDisplayName(String tenant, String username, String displayName) throws UserChangeException;

    /** Removes a user's line(s) from the users file. Its registrations are the registrar's business. */
    void remove(String tenant, String username) throws UserChangeException;

    /**
     * Creates an empty users file for a tenant about to be configured: a header comment saying how
     * lines look and which realm the HA1 values need. Leaves an existing file alone.
     *
     * @return true if it made the file, false if one was there
     */
    boolean createUsersFile(Path file, String tenant, String realm) throws IOException;
}
