package org.tabphone.admin.internal.command;

import java.time.Duration;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tabphone.trunk.api.Capacity;
import org.tabphone.trunk.api.TrunkInfo;
import org.tabphone.trunk.api.TrunkService;
import org.tabphone.trunk.api.TrunkSettings;

/** {@code tabphone:trunks [tenant]} (also {@code trunk-list}): every trunk with its registration status and lines in use. */
@Command(scope = "tabphone", name = "trunks", description = "Lists trunks: provider, registration status, lines in use")
@Service
public class TrunksCommand implements Action {
    @Reference
    private TrunkService trunks;

    @Reference
    private Session session;

    @Argument(index = 0, name = "tenant", description = "Only this tenant's trunks")
    @Completion(TenantNameCompleter.class)
    private String tenant;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Trunk");
        table.column("Tenant");
        table.column("Provider");
        table.column("Status");
        table.column("Since").alignRight();
        table.column("Detail");
        table.column("In").alignRight();
        table.column("Out").alignRight();
        table.column("Limits in/out/total");
        table.column("Held").alignRight();
        table.column("Refused").alignRight();
        Instant now = Instant.now();
        int n = 0;
        for (TrunkInfo t : trunks.trunks()) {
            TrunkSettings s = t.settings();
            if (tenant != null && !tenant.equals(s.tenant())) {
                continue;
            }
            n++;
            Capacity c = s.capacity();
            table.addRow().addContent(s.name(), s.tenant(),
                s.driver() + ":" + s.host() + (s.port() == 0 ? "" : ":" + s.port()) + "/"
                    + (s.autoTransport() ? "auto" : s.transport().viaToken().toLowerCase(java.util.Locale.ROOT)),
                t.status().state(), Duration.between(t.status().since(), now).toSeconds() + " s", t.status().detail(),
                t.inbound(), t.outbound(), limit(c.maxInbound()) + "/" + limit(c.maxOutbound()) + "/" + limit(c.maxTotal()),
                t.held(), t.refused());
        }
        table.print(session.getConsole());
        session.getConsole().printf("%d trunks%n", n);
        return null;
    }

    private static String limit(int v) {
        return v == Capacity.UNLIMITED ? "-" : Integer.toString(v);
    }
}
