package org.tabphone.admin.internal.command;

import java.time.Duration;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tabphone.call.api.CallInfo;
import org.tabphone.call.api.CallService;

/** {@code tabphone:calls}: live calls with state and duration, plus the call counters. */
@Command(scope = "tabphone", name = "calls", description = "Lists live calls")
@Service
public final class CallsCommand implements Action {
    @Reference
    private CallService calls;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Call");
        table.column("Tenant");
        table.column("Caller");
        table.column("Callee");
        table.column("State");
        table.column("Branches").alignRight();
        table.column("Duration").alignRight();
        Instant now = Instant.now();
        for (CallInfo c : calls.calls()) {
            Instant from = c.answered() != null ? c.answered() : c.started();
            table.addRow().addContent(c.id(), c.tenant(), c.caller(), c.callee(), c.state(), c.branches(),
                Duration.between(from, now).toSeconds() + " s");
        }
        table.print(session.getConsole());
        CallService.CallCounters n = calls.counters();
        session.getConsole().printf("%d live; %d attempts, %d answered, %d failed%n", n.active(), n.attempts(),
            n.answered(), n.failed());
        return null;
    }
}
