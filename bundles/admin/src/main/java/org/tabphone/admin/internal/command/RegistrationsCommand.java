package org.tabphone.admin.internal.command;

import java.util.Comparator;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tabphone.registrar.api.Binding;
import org.tabphone.registrar.api.LocationService;

/** {@code tabphone:registrations [tenant]}: live bindings with the flow each one is reached by. */
@Command(scope = "tabphone", name = "registrations", description = "Lists registered contacts and the flow each uses")
@Service
public final class RegistrationsCommand implements Action {
    @Reference
    private LocationService locations;

    @Argument(index = 0, name = "tenant", description = "Only this tenant", required = false)
    @Completion(TenantNameCompleter.class)
    private String tenant;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        long now = System.nanoTime() / 1_000_000;
        List<Binding> bindings = locations.bindings(tenant).stream()
            .sorted(Comparator.comparing(Binding::tenant).thenComparing(Binding::user))
            .toList();
        ShellTable table = new ShellTable();
        table.column("Tenant");
        table.column("User");
        table.column("Contact");
        table.column("Transport");
        table.column("Source");
        table.column("Flow");
        table.column("Expires").alignRight();
        table.column("User-Agent");
        for (Binding b : bindings) {
            table.addRow().addContent(b.tenant(), b.user(), b.contact().toString(), b.transport(),
                b.source().getAddress().getHostAddress() + ":" + b.source().getPort(), b.flow(),
                b.expiresInSeconds(now) + " s", b.userAgent());
        }
        table.print(session.getConsole());
        session.getConsole().println(bindings.size() + " registration(s)");
        return null;
    }
}
