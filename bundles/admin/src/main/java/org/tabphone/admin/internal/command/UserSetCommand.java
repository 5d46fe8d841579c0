package org.tabphone.admin.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tabphone.tenant.api.SipUser;

/** {@code tabphone:user-set <tenant> <user> name=<display name...>}: changes what callers see. */
@Command(scope = "tabphone", name = "user-set", description = "Changes a user's display name: name=<display name>")
@Service
public final class UserSetCommand extends UserCommandSupport {
    @Argument(index = 2, name = "settings", required = true, multiValued = true,
              description = "name=<display name> (the rest of the line; empty: the user name)")
    private List<String> settings;

    @Override
    protected String change() throws Exception {
        String line = String.join(" ", settings);
        if (!line.startsWith("name=")) {
            throw new IllegalArgumentException("expected name=<display name>; the password is set with user-passwd");
        }
        SipUser u = users.setDisplayName(tenant, user, line.substring("name=".length()));
        return "User " + u.username() + " in tenant " + tenant + " is now shown as " + u.displayName();
    }
}
