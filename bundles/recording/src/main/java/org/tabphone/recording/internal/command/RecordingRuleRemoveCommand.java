package org.tabphone.recording.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.service.cm.ConfigurationAdmin;
import org.tabphone.recording.internal.PolicyConfiguration;

/** {@code tabphone:recording-rule-remove N}: removes rule number N (as tabphone:recording-policy numbers them). */
@Command(scope = "tabphone", name = "recording-rule-remove", description = "Removes recording rule number N")
@Service
public final class RecordingRuleRemoveCommand implements Action {
    @Reference
    private ConfigurationAdmin configAdmin;

    @Reference
    private Session session;

    @Argument(index = 0, name = "n", required = true, description = "The rule's number in tabphone:recording-policy")
    private int n;

    @Override
    public Object execute() throws Exception {
        PolicyConfiguration c = PolicyConfiguration.of(configAdmin);
        String gone;
        try {
            gone = c.removeRule(n);
        } catch (IllegalArgumentException e) {
            session.getConsole().println("Error: " + e.getMessage());
            return null;
        }
        c.save();
        session.getConsole().println("Rule removed: " + gone);
        return null;
    }
}
