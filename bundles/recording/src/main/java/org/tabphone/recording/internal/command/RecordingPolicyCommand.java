package org.tabphone.recording.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.tabphone.recording.api.RecordingPolicy;
import org.tabphone.recording.api.RecordingService;
import org.tabphone.recording.api.RecordingStats;

/** {@code tabphone:recording-policy}: the policy in force (numbered rules) and the recorder's counters. */
@Command(scope = "tabphone", name = "recording-policy", description = "Shows which calls are recorded, where, and the recorder's counters")
@Service
public final class RecordingPolicyCommand implements Action {
    @Reference
    private RecordingService recordings;

    @Reference
    private Session session;

    @Override
    public Object execute() {
        RecordingPolicy p = recordings.policy();
        RecordingStats s = recordings.stats();
        var out = session.getConsole();
        out.println("Recording: " + (p.enabled() ? "on" : "off"));
        out.println("Directory: " + p.directory());
        List<String> rules = p.rules();
        out.println("Rules (first match decides; no match: not recorded):" + (rules.isEmpty() ? " none" : ""));
        for (int i = 0; i < rules.size(); i++) {
            out.println("  " + (i + 1) + ". " + rules.get(i));
        }
        out.println("Active recordings: " + s.active() + ", files written: " + s.filesWritten() + ", frames dropped: "
            + s.framesDropped() + ", failures: " + s.failures());
        return null;
    }
}
