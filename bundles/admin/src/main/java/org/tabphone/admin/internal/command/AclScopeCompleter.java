package org.tabphone.admin.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.tabphone.acl.api.AccessControl;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;

/** Completes ACL scopes: {@code global} and the tenant names. */
@Service
public final class AclScopeCompleter implements Completer {
    @Reference
    private TenantDirectory tenants;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        names.getStrings().add(AccessControl.GLOBAL);
        for (Tenant t : tenants.tenants()) {
            names.getStrings().add(t.name());
        }
        return names.complete(session, commandLine, candidates);
    }
}
