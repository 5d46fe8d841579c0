package org.tabphone.admin.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.tabphone.registrar.api.Binding;
import org.tabphone.registrar.api.LocationService;
import org.tabphone.tenant.api.TenantDirectory;

/**
 * {@code tabphone:tenant-remove <name>}: deletes the tenant's configuration and drops its
 * registrations. The users file stays (it may be shared, or wanted back); the command says where.
 * A tenant that trunks or agents still name is kept unless {@code --force}: removing it would leave
 * them serving nobody (a trunk's inbound calls rejected, an agent's numbers unreachable).
 */
@Command(scope = "tabphone", name = "tenant-remove", description = "Removes a tenant and its registrations; its users"
    + " file is left in place; calls in progress stay up; refused while trunks or agents name the tenant, unless --force")
@Service
public final class TenantRemoveCommand implements Action {
    @Reference
    private ConfigurationAdmin configAdmin;

    @Reference
    private TenantDirectory tenants;

    @Reference
    private LocationService locations;

    @Reference
    private Session session;

    @Argument(index = 0, name = "name", required = true, description = "Tenant name")
    @Completion(TenantNameCompleter.class)
    private String name;

    @Option(name = "--force", description = "Remove it even while trunks or agents name it (they stay configured)")
    private boolean force;

    @Override
    public Object execute() throws Exception {
        Optional<Configuration> c = TenantConfigurations.TENANTS.find(configAdmin, name);
        if (c.isEmpty()) {
            throw new IllegalArgumentException("no tenant " + name + " (see tabphone:tenants)");
        }
        List<String> users = usersOfTenant();
        if (!users.isEmpty() && !force) {
            throw new IllegalArgumentException("tenant " + name + " is still named by " + String.join(", ", users)
                + ": remove or move them first, or use --force");
        }
        Object usersFile = c.get().getProperties().get("users.file");
        c.get().delete();
        boolean gone = TenantConfigurations.settle(() -> tenants.byName(name).isEmpty());
        // once the tenant is gone no REGISTER can add a binding back
        Set<String> registered = new TreeSet<>();
        for (Binding b : locations.bindings(name)) {
            registered.add(b.user());
        }
        int dropped = registered.stream().mapToInt(u -> locations.unregister(name, u)).sum();
        session.getConsole().println("Tenant " + name + " removed" + (gone ? "" : " (still listed: see the log)") + "; "
            + dropped + " registration" + (dropped == 1 ? "" : "s") + " dropped; its users file " + usersFile
            + " is left in place (delete it by hand if it is no longer needed)");
        return null;
    }

    /** The trunks and agents whose configuration names this tenant, e.g. "trunk acme". */
    private List<String> usersOfTenant() throws Exception {
        List<String> found = new ArrayList<>();
        for (String kind : List.of("trunk", "agent")) {
            // name matched TENANTS' pattern in find(), so it is safe inside the filter
            Configuration[] cs = configAdmin.listConfigurations(
                "(&(service.factoryPid=org.tabphone." + kind + ")(tenant=" + name + "))");
            for (Configuration cfg : cs == null ? new Configuration[0] : cs) {
                found.add(kind + " " + cfg.getProperties().get("name"));
            }
        }
        found.sort(null);
        return found;
    }
}
