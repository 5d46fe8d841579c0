package org.tabphone.admin.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.tabphone.tenant.api.TenantUsers;
import org.tabphone.tenant.api.UserChangeException;

/**
 * The {@code tabphone:user-*} verbs: a tenant and a user, then the verb's own arguments. A
 * refused change fails the command with the service's reason (shown as "Error executing
 * command: ...", and a non-zero status over ssh), so scripts notice.
 */
abstract class UserCommandSupport implements Action {
    @Reference
    protected TenantUsers users;

    @Reference
    protected Session session;

    @Argument(index = 0, name = "tenant", required = true, description = "Tenant name")
    @Completion(TenantNameCompleter.class)
    protected String tenant;

    @Argument(index = 1, name = "user", required = true, description = "User name (the user part of its SIP address)")
    @Completion(UserNameCompleter.class)
    protected String user;

    @Override
    public final Object execute() throws Exception {
        // Gogo names the thread after the whole command line, password included, and Karaf's log
        // pattern prints thread names: every line logged during the change would carry it
        Thread thread = Thread.currentThread();
        String threadName = thread.getName();
        thread.setName("tabphone:" + getClass().getAnnotation(Command.class).name() + " " + tenant + " " + user);
        try {
            session.getConsole().println(change());
        } catch (UserChangeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } finally {
            thread.setName(threadName);
        }
        return null;
    }

    /** Makes the change; returns the line to print. */
    protected abstract String change() throws Exception;
}
