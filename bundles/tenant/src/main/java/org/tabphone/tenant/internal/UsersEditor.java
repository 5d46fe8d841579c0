package org.tabphone.tenant.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.sip.api.auth.DigestAlgorithm;
import org.tabphone.tenant.api.SipUser;
import org.tabphone.tenant.api.TenantUsers;
import org.tabphone.tenant.api.UserChangeException;
import org.tabphone.tenant.api.UserChangeException.Reason;

/**
 * {@link TenantUsers} over the tenants' users files: validates, lets {@link UsersFileWriter}
 * replace the file, then has the tenant re-read it so the directory shows the change before the
 * call returns. Logs who changed, never a password or HA1. Wired by {@link TenantUsersComponent}.
 */
final class UsersEditor implements TenantUsers {
    private static final Logger LOG = LoggerFactory.getLogger(UsersEditor.class);

    private final Function<String, Optional<TenantSource>> sources;
    private final UsersFileWriter writer = new UsersFileWriter();

    /** @param sources the live tenant of a name */
    UsersEditor(Function<String, Optional<TenantSource>> sources) {
        this.sources = sources;
    }

    @Override
    public SipUser add(String tenant, String username, String password, String displayName) throws UserChangeException {
        UserFields.checkUsername(username);
        UserFields.checkPassword(password);
        String name = UserFields.displayName(username, displayName);
        return edit(tenant, username, "added", (t, lines) -> {
            int at = UserLines.indexOf(lines, username);
            if (at >= 0) {
                throw new UserChangeException(Reason.USER_EXISTS, "user " + username + " exists in tenant " + tenant
                    + " (line " + (at + 1) + " of " + t.settings().usersFile() + "); change it with user-passwd or"
                    + " user-set");
            }
            SipUser user = credentials(username, name, password, t.realm());
            lines.add(UsersFile.format(user));
            return user;
        });
    }

    @Override
    public SipUser setPassword(String tenant, String username, String password) throws UserChangeException {
        UserFields.checkUsername(username);
        UserFields.checkPassword(password);
        return edit(tenant, username, "given a new password", (t, lines) -> {
            int at = existing(lines, tenant, username);
            // keep the display name even if the old credentials were unusable: this line repairs them
            String name = UsersFile.parseLine(lines.get(at)).map(UsersFile.Line::displayName).orElse(username);
            SipUser user = credentials(username, name == null ? username : name, password, t.realm());
            lines.set(at, UsersFile.format(user));
            UserLines.removeAfter(lines, at, username);
            return user;
        });
    }

    @Override
    public SipUser setDisplayName(String tenant, String username, String displayName) throws UserChangeException {
        UserFields.checkUsername(username);
        String name = UserFields.displayName(username, displayName);
        return edit(tenant, username, "renamed", (t, lines) -> {
            int at = existing(lines, tenant, username);
            UsersFile.Line old = UsersFile.parseLine(lines.get(at)).orElseThrow();
            if (old.error() != null) {
                throw new UserChangeException(Reason.USERS_FILE, "line " + (at + 1) + " of "
                    + t.settings().usersFile() + " (user " + username + ") is unusable: " + old.error()
                    + "; set a password with user-passwd to rewrite it");
            }
            SipUser user = new SipUser(username, name, old.md5(), old.sha256());
            lines.set(at, UsersFile.format(user));
            return user;
        });
    }

    @Override
    public void remove(String tenant, String username) throws UserChangeException {
        UserFields.checkUsername(username);
        edit(tenant, username, "removed", (t, lines) -> {
            int at = existing(lines, tenant, username);
            lines.remove(at);
            UserLines.removeAfter(lines, at - 1, username);
            return null;
        });
    }

    @Override
    public boolean createUsersFile(Path file, String tenant, String realm) throws IOException {
        boolean created = writer.create(file, List.of(
            "# Users of tenant '" + tenant + "'. One line per user:",
            "#   <user> = name=<display name>; md5=<HA1>; sha256=<HA1>",
            "# HA1 = MD5(user:realm:password) and SHA-256(user:realm:password) with realm " + realm + ".",
            "# Clear passwords are never stored. Change users with tabphone:user-add, user-passwd, user-set and",
            "# user-remove; edits by hand apply within 2 seconds.",
            ""));
        if (created) {
            LOG.info("tenant {}: empty users file {} created", tenant, file);
        }
        return created;
    }

    /** A change to one tenant's users file lines, with the tenant snapshot it was made against. */
    @FunctionalInterface
    private interface Change {
        SipUser apply(ConfiguredTenant tenant, List<String> lines) throws UserChangeException;
    }

    private SipUser edit(String tenant, String username, String what, Change change) throws UserChangeException {
        TenantSource source = source(tenant);
        ConfiguredTenant t = source.current();
        Path file = t.settings().usersFile();
        SipUser written = writer.rewrite(file, lines -> change.apply(t, lines));
        source.reloadUsers();
        LOG.info("tenant {}: user {} {} in {}", tenant, username, what, file);
        return written;
    }

    private TenantSource source(String tenant) throws UserChangeException {
        return sources.apply(tenant).orElseThrow(() -> new UserChangeException(Reason.UNKNOWN_TENANT, "no tenant named '" + tenant
            + "' (see tabphone:tenants)"));
    }

    private static int existing(List<String> lines, String tenant, String username) throws UserChangeException {
        int at = UserLines.indexOf(lines, username);
        if (at < 0) {
            throw new UserChangeException(Reason.NO_SUCH_USER, "tenant " + tenant + " has no user " + username);
        }
        return at;
    }

    private static SipUser credentials(String username, String name, String password, String realm) {
        return new SipUser(username, name, DigestAlgorithm.MD5.ha1(username, realm, password),
            DigestAlgorithm.SHA_256.ha1(username, realm, password));
    }
}
