package org.tabphone.recording.internal.command;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tabphone.recording.api.Recording;
import org.tabphone.recording.api.RecordingService;

/** {@code tabphone:recordings [-n 20] [--call ID] [--tenant T]}: the recording files, newest first. */
@Command(scope = "tabphone", name = "recordings", description = "Lists call recordings (WAV files), newest first")
@Service
public final class RecordingsCommand implements Action {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Reference
    private RecordingService recordings;

    @Reference
    private Session session;

    @Option(name = "-n", aliases = "--limit", description = "At most this many (default 20)")
    private int limit = 20;

    @Option(name = "-c", aliases = "--call", description = "Only the recording of this call id")
    private String call;

    @Option(name = "-t", aliases = "--tenant", description = "Only this tenant")
    private String tenant;

    @Override
    public Object execute() {
        boolean filtered = call != null || tenant != null;
        List<Recording> all = recordings.recordings(filtered ? Integer.MAX_VALUE : limit);
        ShellTable table = new ShellTable();
        table.column("Started (UTC)");
        table.column("Seconds").alignRight();
        table.column("Bytes").alignRight();
        table.column("Tenant");
        table.column("Call");
        table.column("State");
        table.column("File");
        int shown = 0;
        for (Recording r : all) {
            if ((call != null && !call.equals(r.call())) || (tenant != null && !tenant.equals(r.tenant()))) {
                continue;
            }
            if (shown++ >= limit) {
                break;
            }
            table.addRow().addContent(TIME.format(r.started()), String.format(java.util.Locale.ROOT, "%.1f", r.seconds()),
                r.bytes(), r.tenant(), r.call(), r.active() ? "recording" : "done", r.path());
        }
        table.print(session.getConsole());
        return null;
    }
}
