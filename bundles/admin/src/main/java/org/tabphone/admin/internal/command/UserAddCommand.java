package org.tabphone.admin.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tabphone.tenant.api.SipUser;

/** {@code tabphone:user-add <tenant> <user> <password> [display name...]}: a new user, live at once. */
@Command(scope = "tabphone", name = "user-add", description = "Adds a user to a tenant (fails if it exists);"
    + " only HA1 values of the password are stored")
@Service
public final class UserAddCommand extends UserCommandSupport {
    @Argument(index = 2, name = "password", required = true, description = "Its SIP password")
    private String password;

    @Argument(index = 3, name = "display name", multiValued = true, description = "Shown to callers; default: the user name")
    private List<String> displayName;

    @Override
    protected String change() throws Exception {
        SipUser added = users.add(tenant, user, password, displayName == null ? null : String.join(" ", displayName));
        return "User " + added.username() + " (" + added.displayName() + ") added to tenant " + tenant;
    }
}
