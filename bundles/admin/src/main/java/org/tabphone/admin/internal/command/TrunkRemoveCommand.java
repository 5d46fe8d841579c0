package org.tabphone.admin.internal.command;

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

/** {@code tabphone:trunk-remove <name>}: deletes a trunk (it unregisters; calls in progress stay up). */
@Command(scope = "tabphone", name = "trunk-remove", description = "Removes a trunk; calls in progress on it stay up")
@Service
public final class TrunkRemoveCommand implements Action {
    @Reference
    private ConfigurationAdmin configAdmin;

    @Reference
    private Session session;

    @Argument(index = 0, name = "name", required = true, description = "Trunk name")
    @Completion(TrunkNameCompleter.class)
    private String name;

    @Override
    public Object execute() throws Exception {
        Optional<Configuration> c = TrunkConfigurations.TRUNKS.find(configAdmin, name);
        if (c.isEmpty()) {
            session.getConsole().println("Error: no trunk " + name);
            return null;
        }
        c.get().delete();
        session.getConsole().println("Trunk " + name + " removed");
        return null;
    }
}
