package org.tabphone.admin.internal.command;

import java.util.Comparator;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.SipTransport;
import org.tabphone.transport.api.TransportStatistics;

/** {@code tabphone:flows}: open connections and known UDP peers, plus the transport's counters. */
@Command(scope = "tabphone", name = "flows", description = "Lists flows (connections, UDP peers) and transport counters")
@Service
public final class FlowsCommand implements Action {
    @Reference
    private SipTransport transport;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Flow");
        table.column("Transport");
        table.column("Remote");
        table.column("Local");
        table.column("Open");
        for (Flow f : transport.flows().stream().sorted(Comparator.comparingLong(f -> f.id().value())).toList()) {
            table.addRow().addContent(f.id(), f.kind(), f.remote(), f.local(), f.isOpen() ? "yes" : "no");
        }
        table.print(session.getConsole());
        TransportStatistics s = transport.statistics();
        session.getConsole().printf("%d flow(s); %d messages received, %d malformed, %d unserved; %d STUN keep-alives answered;"
            + " %d connections open, %d refused by a cap; %d datagrams of new UDP peers dropped (udp.max.flows)%n", s.flows(),
            s.received(), s.malformed(), s.unserved(), s.stunKeepAlives(), s.connections(), s.connectionsRefused(),
            s.udpPeersRefused());
        return null;
    }
}
