package org.tabphone.admin.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tabphone.registrar.api.LocationService;
import org.tabphone.tenant.api.SipUser;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;

/** {@code tabphone:users <tenant>}: a tenant's users, their credential types and registrations. */
@Command(scope = "tabphone", name = "users", description = "Lists the users of a tenant")
@Service
public final class UsersCommand implements Action {
    @Reference
    private TenantDirectory tenants;

    @Reference
    private LocationService locations;

    @Argument(index = 0, name = "tenant", description = "Tenant name", required = true)
    @Completion(TenantNameCompleter.class)
    private String tenantName;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        Tenant tenant = tenants.byName(tenantName)
            .orElseThrow(() -> new IllegalArgumentException("No tenant named '" + tenantName + "' (see tabphone:tenants)"));
        ShellTable table = new ShellTable();
        table.column("User");
        table.column("Name");
        table.column("Credentials");
        table.column("Registered").alignRight();
        for (SipUser u : tenant.users()) {
            String creds = (u.ha1Md5() != null ? "MD5 " : "") + (u.ha1Sha256() != null ? "SHA-256" : "");
            table.addRow().addContent(u.username(), u.displayName(), creds.trim(),
                locations.lookup(tenant.name(), u.username()).size());
        }
        table.print(session.getConsole());
        return null;
    }
}
