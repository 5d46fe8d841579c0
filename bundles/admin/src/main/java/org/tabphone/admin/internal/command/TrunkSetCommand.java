package org.tabphone.admin.internal.command;

import java.util.Dictionary;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code tabphone:trunk-set <name> key=value ...}: changes a trunk live. New calls use the new
 * settings; calls in progress keep theirs; a new provider or credentials re-register.
 */
@Command(scope = "tabphone", name = "trunk-set", description = "Changes a trunk's settings live (e.g. max.inbound=5 password=new)")
@Service
public final class TrunkSetCommand implements Action {
    @Reference
    private ConfigurationAdmin configAdmin;

    @Reference
    private Session session;

    @Argument(index = 0, name = "name", required = true, description = "Trunk name")
    @Completion(TrunkNameCompleter.class)
    private String name;

    @Argument(index = 1, name = "settings", required = true, multiValued = true, description = "key=value settings")
    private List<String> settings;

    @Override
    public Object execute() throws Exception {
        Optional<Configuration> c = TrunkConfigurations.TRUNKS.find(configAdmin, name);
        if (c.isEmpty()) {
            session.getConsole().println("Error: no trunk " + name);
            return null;
        }
        Dictionary<String, Object> props = c.get().getProperties(); // Config Admin hands out a private copy
        try {
            TrunkConfigurations.TRUNKS.apply(props, settings);
        } catch (IllegalArgumentException e) {
            session.getConsole().println("Error: " + e.getMessage());
            return null;
        }
        c.get().update(props);
        session.getConsole().println("Trunk " + name + " updated");
        return null;
    }
}
