package org.tabphone.admin.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tabphone.registrar.api.AuthBans;

/** {@code tabphone:bans}: sources with wrong passwords counted, and which of them are refused. */
@Command(scope = "tabphone", name = "bans", description = "Lists sources banned (or counted) for wrong passwords")
@Service
public class BansCommand implements Action {
    @Reference
    private AuthBans bans;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Source");
        table.column("Failures").alignRight();
        table.column("Banned");
        table.column("Forgotten in").alignRight();
        int banned = 0;
        var sources = bans.sources();
        for (AuthBans.Ban b : sources) {
            banned += b.banned() ? 1 : 0;
            table.addRow().addContent(b.source().getHostAddress(), b.failures(), b.banned() ? "yes" : "no",
                b.secondsLeft() + " s");
        }
        table.print(session.getConsole());
        session.getConsole().printf("%d banned, %d counted (tabphone:ban-lift <address> lets one in again)%n", banned,
            sources.size());
        return null;
    }
}
