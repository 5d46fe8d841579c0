package org.tabphone.admin.internal.command;

import java.time.Duration;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tabphone.agent.api.Agents;

/** {@code tabphone:agents}: the configured agents, their numbers, and the calls they have now. */
@Command(scope = "tabphone", name = "agents", description = "Lists agents on virtual numbers and their live calls")
@Service
public class AgentsCommand implements Action {
    @Reference
    private Agents agents;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Agent");
        table.column("Tenant");
        table.column("Numbers");
        table.column("Type");
        table.column("Available");
        table.column("Endpoint");
        table.column("Sockets").alignRight();
        Agents.StreamListener stream = agents.streamListener();
        for (Agents.AgentInfo a : agents.agents()) {
            int open = stream.connected().getOrDefault(a.name(), 0);
            table.addRow().addContent(a.name(), a.tenant(), String.join(",", a.numbers()), a.type(),
                a.available() ? "yes" : "no (type not installed)", a.endpoint(),
                open == 0 ? "" : open + " (" + stream.waiting().getOrDefault(a.name(), 0) + " waiting)");
        }
        table.print(session.getConsole());
        session.getConsole().printf("in-process agents answer SIP on %s%n", agents.sipAddress());
        session.getConsole().printf("stream agents connect to %s; %d sockets open%n",
            stream.address().isEmpty() ? "nothing (stream.port is 0 or could not bind)" : stream.address() + "<agent name>",
            stream.connectedTotal());
        Agents.Recognition r = agents.recognition();
        session.getConsole().printf("names by voice: %s; %d recognitions (%d heard a name), %d failed, mean %.0f ms%n%n",
            r.available() ? "on (pocketsphinx)" : "off, DTMF only: " + r.state(), r.done(), r.heard(), r.failed(),
            r.meanMillis());

        ShellTable calls = new ShellTable();
        calls.column("Agent");
        calls.column("Caller");
        calls.column("Number");
        calls.column("Call-ID");
        calls.column("Up").alignRight();
        calls.column("Transfer");
        calls.column("RTP in/out");
        Instant now = Instant.now();
        var live = agents.calls();
        for (Agents.AgentCallInfo c : live) {
            calls.addRow().addContent(c.agent(), c.caller(), c.number(), c.callId(),
                Duration.between(c.answered(), now).toSeconds() + " s", c.transfer(), c.packetsIn() + "/" + c.packetsOut());
        }
        calls.print(session.getConsole());
        session.getConsole().printf("%d agent calls%n", live.size());
        return null;
    }
}
