package org.tabphone.admin.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tabphone.registrar.api.LocationService;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;

/** {@code tabphone:tenants}: every tenant with its domains, realm, users and registrations. */
@Command(scope = "tabphone", name = "tenants", description = "Lists the tenants")
@Service
public final class TenantsCommand implements Action {
    @Reference
    private TenantDirectory tenants;

    @Reference
    private LocationService locations;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Tenant");
        table.column("Domains");
        table.column("Realm");
        table.column("Fallback");
        table.column("Users").alignRight();
        table.column("Registrations").alignRight();
        table.column("Max registrations").alignRight();
        for (Tenant t : tenants.tenants()) {
            table.addRow().addContent(t.name(), String.join(", ", t.domains()), t.realm(), t.isFallback() ? "yes" : "",
                t.users().size(), locations.bindings(t.name()).size(), t.limits().maxRegistrations());
        }
        table.print(session.getConsole());
        return null;
    }
}
