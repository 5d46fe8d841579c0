package org.tabphone.recording.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.service.cm.ConfigurationAdmin;
import org.tabphone.recording.internal.PolicyConfiguration;

/** {@code tabphone:recording-rule-add [--at N] record user 1001@demo}: adds a rule (last, or at position N). */
@Command(scope = "tabphone", name = "recording-rule-add",
    description = "Adds a recording rule: <record|skip> <any | tenant NAME | user USER[@TENANT] | number NUMBER[*]>")
@Service
public final class RecordingRuleAddCommand implements Action {
    @Reference
    private ConfigurationAdmin configAdmin;

    @Reference
    private Session session;

    @Option(name = "--at", description = "Position of the new rule (1 = first; default: last)")
    private int at;

    @Argument(index = 0, name = "rule", required = true, multiValued = true, description = "The rule's words")
    private List<String> words;

    @Override
    public Object execute() throws Exception {
        PolicyConfiguration c = PolicyConfiguration.of(configAdmin);
        String added;
        try {
            added = c.addRule(String.join(" ", words), at);
        } catch (IllegalArgumentException e) {
            session.getConsole().println("Error: " + e.getMessage());
            return null;
        }
        c.save();
        session.getConsole().println("Rule added: " + added);
        return null;
    }
}
