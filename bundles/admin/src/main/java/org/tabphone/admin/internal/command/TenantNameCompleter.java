package org.tabphone.admin.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;

/** Completes tenant names. */
@Service
public final class TenantNameCompleter implements Completer {
    @Reference
    private TenantDirectory tenants;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        for (Tenant t : tenants.tenants()) {
            names.getStrings().add(t.name());
        }
        return names.complete(session, commandLine, candidates);
    }
}
