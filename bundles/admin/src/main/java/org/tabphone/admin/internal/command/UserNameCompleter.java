package org.tabphone.admin.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.tabphone.tenant.api.TenantDirectory;

/** Completes the user names of the tenant named in the argument before the cursor ({@code <tenant> <user>}). */
@Service
public final class UserNameCompleter implements Completer {
    @Reference
    private TenantDirectory tenants;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        int at = commandLine.getCursorArgumentIndex(); // arguments[0] is the command itself
        if (at >= 2) {
            tenants.byName(commandLine.getArguments()[at - 1])
                .ifPresent(t -> t.users().forEach(u -> names.getStrings().add(u.username())));
        }
        return names.complete(session, commandLine, candidates);
    }
}
