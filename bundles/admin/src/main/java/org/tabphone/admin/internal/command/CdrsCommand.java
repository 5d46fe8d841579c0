package org.tabphone.admin.internal.command;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tabphone.cdr.api.CdrQuery;
import org.tabphone.cdr.api.CdrRecord;
import org.tabphone.cdr.api.CdrStats;
import org.tabphone.cdr.api.CdrStore;

/** {@code tabphone:cdrs}: the newest call detail records, optionally by tenant, caller or callee. */
@Command(scope = "tabphone", name = "cdrs", description = "Lists recent call detail records, newest first")
@Service
public final class CdrsCommand implements Action {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .withZone(ZoneOffset.UTC);

    @Reference
    private CdrStore store;

    @Reference
    private Session session;

    @Option(name = "-t", aliases = "--tenant", description = "Only this tenant")
    @Completion(TenantNameCompleter.class)
    private String tenant;

    @Option(name = "-f", aliases = "--caller", description = "Only callers whose URI contains this")
    private String caller;

    @Option(name = "-c", aliases = "--callee", description = "Only callees whose URI contains this")
    private String callee;

    @Option(name = "-n", aliases = "--limit", description = "At most this many records (default 20)")
    private int limit = 20;

    @Override
    public Object execute() {
        List<CdrRecord> found = store.search(new CdrQuery(tenant, caller, callee, limit));
        ShellTable table = new ShellTable();
        table.column("#").alignRight();
        table.column("Call");
        table.column("Tenant");
        table.column("Caller");
        table.column("Callee");
        table.column("Direction");
        table.column("Started (UTC)");
        table.column("Talk").alignRight();
        table.column("Cause").alignRight();
        table.column("Ended by");
        table.column("Codecs");
        table.column("RTP in (lost)");
        table.column("RTT ms (far lost)");
        for (CdrRecord r : found) {
            table.addRow().addContent(r.seq(), r.call(), r.tenant(), r.caller(), r.callee(), r.direction(),
                TIME.format(r.started()), r.answered() == null ? "-" : talk(r.durationMillis()), r.cause(),
                r.endedBy(), codecs(r), rtp(r.callerRtp()) + " / " + rtp(r.calleeRtp()),
                rtcp(r.callerRtp()) + " / " + rtcp(r.calleeRtp()));
        }
        table.print(session.getConsole());
        CdrStats s = store.stats();
        session.getConsole().printf("%d shown; %d records in the store, %d written since start, %d queued%s%n",
            found.size(), s.lastSeq(), s.recordsWritten(), s.queueLength(),
            s.lastWriteError().isEmpty() ? "" : "; last write error: " + s.lastWriteError());
        return null;
    }

    private static String codecs(CdrRecord r) {
        return r.callerCodec().isEmpty() && r.calleeCodec().isEmpty() ? "-"
            : (r.callerCodec().isEmpty() ? "?" : r.callerCodec()) + " / " + (r.calleeCodec().isEmpty() ? "?" : r.calleeCodec());
    }

    private static String rtp(CdrRecord.Rtp x) {
        return x.packets() + " (" + x.lost() + ")";
    }

    /** The leg's RTCP round trip and the loss it reported for the gateway's stream; "-" where it never reported. */
    private static String rtcp(CdrRecord.Rtp x) {
        return (x.roundTripMillis() < 0 ? "-" : Long.toString(x.roundTripMillis()))
            + " (" + (x.remoteLost() < 0 ? "-" : Long.toString(x.remoteLost())) + ")";
    }

    private static String talk(long millis) {
        Duration d = Duration.ofMillis(millis);
        return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
