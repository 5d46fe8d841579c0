package org.tabphone.cdr.internal.command;

import java.io.PrintStream;
import java.time.Instant;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.tabphone.cdr.api.CdrSink;
import org.tabphone.cdr.api.CdrSinkStats;

/**
 * {@code tabphone:cdr-sink}: the database copy of the CDR store — state, target, how far behind,
 * last error. Configured with the {@code jdbc.*} keys of {@code org.tabphone.cdr}
 * ({@code config:property-set -p org.tabphone.cdr jdbc.url ...}).
 */
@Command(scope = "tabphone", name = "cdr-sink", description = "Shows the CDR database sink: state, database,"
    + " records exported and waiting, last error")
@Service
public final class CdrSinkCommand implements Action {
    @Reference
    private CdrSink sink;

    @Reference
    private Session session;

    @Option(name = "-r", aliases = "--retry", description = "End the back-off wait: try the database now")
    private boolean retry;

    @Override
    public Object execute() {
        if (retry) {
            sink.retryNow();
        }
        CdrSinkStats s = sink.status();
        PrintStream out = session.getConsole();
        if (s.state() == CdrSinkStats.State.OFF) {
            out.println("CDR database sink: OFF (no jdbc.url in org.tabphone.cdr)");
            return null;
        }
        out.printf("CDR database sink: %s%n", s.state());
        out.printf("  database       %s%n", s.target());
        out.printf("  table          %s%n", s.table());
        out.printf("  exported       %d since start (%d already there), newest record %d%n", s.exported(),
            s.duplicates(), s.lastExported());
        out.printf("  waiting        %d records (in the store, not yet in the database)%n", s.behind());
        if (s.skipped() > 0) {
            out.printf("  skipped        %d records removed by retention before export%n", s.skipped());
        }
        out.printf("  last error     %s%n", s.lastError().isEmpty() ? "-" : s.lastError() + " at " + s.lastErrorAt());
        if (s.nextAttemptAt() != null) {
            out.printf("  next attempt   in %d ms%n", Math.max(0, s.nextAttemptAt().toEpochMilli() - Instant.now().toEpochMilli()));
        }
        return null;
    }
}
