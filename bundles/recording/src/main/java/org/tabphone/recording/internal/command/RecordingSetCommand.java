package org.tabphone.recording.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.service.cm.ConfigurationAdmin;
import org.tabphone.recording.internal.PolicyConfiguration;

/**
 * {@code tabphone:recording-set enabled=true "rules=record tenant demo, skip any"}: changes the
 * policy through Config Admin — kept in etc/org.tabphone.recording.cfg, applied to the next calls.
 */
@Command(scope = "tabphone", name = "recording-set",
    description = "Changes the recording policy live: enabled=true|false, directory=PATH, rules=RULE[, RULE...]")
@Service
public final class RecordingSetCommand implements Action {
    @Reference
    private ConfigurationAdmin configAdmin;

    @Reference
    private Session session;

    @Argument(index = 0, name = "settings", required = true, multiValued = true, description = "key=value settings")
    private List<String> settings;

    @Override
    public Object execute() throws Exception {
        PolicyConfiguration c = PolicyConfiguration.of(configAdmin);
        try {
            for (String a : settings) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'" + a + "': expected key=value");
                }
                c.set(a.substring(0, eq).trim(), a.substring(eq + 1));
            }
        } catch (IllegalArgumentException e) {
            session.getConsole().println("Error: " + e.getMessage());
            return null;
        }
        c.save();
        session.getConsole().println("Recording policy updated; new calls follow it");
        return null;
    }
}
