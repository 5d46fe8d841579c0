package org.tabphone.admin.internal.command;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** {@code tabphone:trunk-add <name> <tenant> <host> [key=value ...]}: a new trunk, stored by Config Admin, live at once. */
@Command(scope = "tabphone", name = "trunk-add", description = "Adds a trunk (keys as in org.tabphone.trunk-<name>.cfg,"
    + " e.g. port=5060 username=acme password=s3cret register=true max.outbound=10)")
@Service
public final class TrunkAddCommand implements Action {
    @Reference
    private ConfigurationAdmin configAdmin;

    @Reference
    private Session session;

    @Argument(index = 0, name = "name", required = true, description = "Trunk name (lower-case letters, digits, '-')")
    private String name;

    @Argument(index = 1, name = "tenant", required = true, description = "The tenant it belongs to")
    @Completion(TenantNameCompleter.class)
    private String tenant;

    @Argument(index = 2, name = "host", required = true, description = "Provider proxy/registrar (IP address or name)")
    private String host;

    @Argument(index = 3, name = "settings", multiValued = true, description = "key=value settings")
    private List<String> settings;

    @Override
    public Object execute() throws Exception {
        if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            session.getConsole().println("Error: trunk name '" + name + "': lower-case letters, digits and '-'");
            return null;
        }
        if (TrunkConfigurations.TRUNKS.find(configAdmin, name).isPresent()) {
            session.getConsole().println("Error: trunk " + name + " exists; change it with tabphone:trunk-set");
            return null;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("name", name);
        props.put("tenant", tenant);
        props.put("host", host);
        try {
            TrunkConfigurations.TRUNKS.apply(props, settings == null ? List.of() : settings);
        } catch (IllegalArgumentException e) {
            session.getConsole().println("Error: " + e.getMessage());
            return null;
        }
        // an unnamed factory configuration: Felix's cache can hand back a just-deleted named one
        Configuration c = configAdmin.createFactoryConfiguration(TrunkConfigurations.TRUNKS.factoryPid(), "?");
        c.update(props);
        session.getConsole().println("Trunk " + name + " added (tabphone:trunks shows its status; a rejected value is"
            + " named in the log)");
        return null;
    }
}
