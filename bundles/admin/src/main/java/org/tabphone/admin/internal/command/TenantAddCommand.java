package org.tabphone.admin.internal.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;
import org.tabphone.tenant.api.TenantUsers;

/**
 * {@code tabphone:tenant-add <name> <domain>[,<domain>...] [key=value ...]}: a new tenant stored
 * by Config Admin, with an empty users file {@code etc/tabphone/<name>.users} unless one exists.
 * Returns once the tenant is live, so {@code user-add} can follow at once.
 */
@Command(scope = "tabphone", name = "tenant-add", description = "Adds a tenant (keys as in org.tabphone.tenant-<name>.cfg,"
    + " e.g. realm=acme.example max.registrations=100); its users file is etc/tabphone/<name>.users unless users.file= is given")
@Service
public final class TenantAddCommand implements Action {
    @Reference
    private ConfigurationAdmin configAdmin;

    @Reference
    private TenantDirectory tenants;

    @Reference
    private TenantUsers users;

    @Reference
    private Session session;

    @Argument(index = 0, name = "name", required = true, description = "Tenant name (lower-case letters, digits, '-')")
    private String name;

    @Argument(index = 1, name = "domains", required = true, description = "SIP domains it owns, comma-separated")
    private String domains;

    @Argument(index = 2, name = "settings", multiValued = true, description = "key=value settings")
    private List<String> settings;

    @Override
    public Object execute() throws Exception {
        if (!name.matches(TenantConfigurations.NAME)) {
            throw new IllegalArgumentException("tenant name '" + name + "': lower-case letters, digits and '-'");
        }
        if (tenants.byName(name).isPresent() || TenantConfigurations.TENANTS.find(configAdmin, name).isPresent()) {
            throw new IllegalArgumentException("tenant " + name + " exists");
        }
        List<String> domainList = domains(domains);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("name", name);
        props.put("domains", domainList.toArray(new String[0]));
        TenantConfigurations.TENANTS.apply(props, settings == null ? List.of() : settings);
        String realm = props.get("realm") == null ? domainList.get(0) : props.get("realm").toString();
        // stored resolved: Config Admin does not expand ${karaf.etc} the way FileInstall does for etc/*.cfg
        Path usersFile = props.get("users.file") == null
            ? Path.of(System.getProperty("karaf.etc", "etc"), "tabphone", name + ".users").toAbsolutePath()
            : Path.of(props.get("users.file").toString());
        props.put("users.file", usersFile.toString());

        boolean created = users.createUsersFile(usersFile, name, realm);
        // an unnamed factory configuration: Felix's cache can hand back a just-deleted named one
        Configuration c = configAdmin.createFactoryConfiguration(TenantConfigurations.TENANTS.factoryPid(), "?");
        c.update(props);
        if (!TenantConfigurations.settle(() -> tenants.byName(name).isPresent())) {
            c.delete(); // don't leave a configuration behind that the gateway refused
            if (created) {
                Files.deleteIfExists(usersFile);
            }
            throw new IllegalArgumentException("tenant " + name + " was rejected and not added; the log names the bad"
                + " value (log:display | grep 'tenant configuration')");
        }
        Tenant t = tenants.byName(name).orElseThrow();
        session.getConsole().println("Tenant " + name + " added: domains " + String.join(", ", t.domains()) + ", realm "
            + t.realm() + ", users file " + usersFile + (created ? " (created empty)" : " (" + t.users().size()
            + " users already in it)") + "; add users with tabphone:user-add " + name);
        return null;
    }

    /** The domains, lower case; refuses one that another tenant owns (the index would give it to one of them silently). */
    private List<String> domains(String csv) {
        List<String> out = new ArrayList<>();
        for (String d : csv.split(",")) {
            String domain = d.trim().toLowerCase(Locale.ROOT);
            if (domain.isEmpty() || out.contains(domain)) {
                continue;
            }
            for (Tenant t : tenants.tenants()) {
                if (t.domains().contains(domain)) {
                    throw new IllegalArgumentException("domain " + domain + " belongs to tenant " + t.name());
                }
            }
            out.add(domain);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("name at least one SIP domain");
        }
        return out;
    }
}
