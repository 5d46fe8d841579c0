package org.tabphone.admin.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code tabphone:user-passwd <tenant> <user> [password]}: a new password. Without one on the
 * line it asks for it (not echoed, not in the shell history).
 */
@Command(scope = "tabphone", name = "user-passwd", description = "Sets a user's password (asks for it when not given);"
    + " registrations made with the old one stay until they expire")
@Service
public final class UserPasswdCommand extends UserCommandSupport {
    @Argument(index = 2, name = "password", description = "The new SIP password; omitted: asked for")
    private String password;

    @Override
    protected String change() throws Exception {
        String pw = password;
        if (pw == null) {
            pw = session.readLine("New password for " + user + ": ", '*');
            String again = session.readLine("Again: ", '*');
            if (pw == null || !pw.equals(again)) {
                throw new IllegalArgumentException("the passwords differ; nothing changed");
            }
        }
        users.setPassword(tenant, user, pw);
        return "Password of " + user + " in tenant " + tenant + " changed";
    }
}
