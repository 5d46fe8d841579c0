package org.tabphone.tenant.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.tenant.api.SipUser;

/**
 * One tenant per factory configuration {@code org.tabphone.tenant-<name>.cfg}. A bad
 * configuration is logged and the last good snapshot stays; an unreadable users file keeps the
 * users read before.
 */
@Component(service = TenantSource.class, configurationPid = "org.tabphone.tenant",
           configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TenantConfig.class, factory = true)
public final class TenantComponent implements TenantSource {
    private static final Logger LOG = LoggerFactory.getLogger(TenantComponent.class);

    private volatile ConfiguredTenant current;
    private volatile Runnable listener;
    /** When the users file was last read, to skip unchanged files. Guarded by this. */
    private FileTime usersStamp;
    /** The users file is missing or unreadable and that was logged once. Guarded by this. */
    private boolean unreadableLogged;

    @Activate
    void activate(TenantConfig config) {
        try {
            apply(TenantSettings.from(config));
        } catch (IllegalArgumentException e) {
            LOG.error("tenant configuration '{}' rejected: {}", config.name(), e.getMessage());
            throw e; // no last good snapshot: this tenant stays absent
        }
    }

    @Modified
    void modified(TenantConfig config, Map<String, Object> raw) {
        try {
            ConfigNumbers.check(TenantConfig.class, raw);
            apply(TenantSettings.from(config));
        } catch (IllegalArgumentException e) {
            LOG.error("tenant '{}' configuration rejected, keeping the previous one: {}", current.name(), e.getMessage());
        }
    }

    private synchronized void apply(TenantSettings settings) {
        ConfiguredTenant before = current;
        boolean sameFile = before != null && before.settings().usersFile().equals(settings.usersFile());
        Map<String, SipUser> users = sameFile ? usersOf(before) : Map.of();
        if (!sameFile) {
            usersStamp = null;
        }
        current = new ConfiguredTenant(settings, users);
        readUsersIfChanged();
        LOG.info("tenant {} {}: domains {}, realm {}, {} users", settings.name(), before == null ? "added" : "updated",
            settings.domains(), settings.realm(), current.users().size());
        notifyListener();
    }

    @Override
    public ConfiguredTenant current() {
        return current;
    }

    @Override
    public void refreshUsers() {
        if (readUsersIfChanged()) {
            notifyListener();
        }
    }

    @Override
    public void reloadUsers() {
        synchronized (this) {
            usersStamp = null;
        }
        refreshUsers();
    }

    @Override
    public void onChange(Runnable l) {
        listener = l;
    }

    /** Returns true when new users were installed. */
    private synchronized boolean readUsersIfChanged() {
        ConfiguredTenant t = current;
        var file = t.settings().usersFile();
        FileTime stamp;
        try {
            stamp = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            if (!unreadableLogged) {
                LOG.error("tenant {}: users file {} unreadable ({}); keeping {} users", t.name(), file, e.toString(),
                    t.users().size());
                unreadableLogged = true;
            }
            usersStamp = null;
            return false;
        }
        if (Objects.equals(stamp, usersStamp)) {
            return false;
        }
        usersStamp = stamp;
        unreadableLogged = false;
        try {
            UsersFile.Result read = UsersFile.read(file);
            read.problems().forEach(p -> LOG.error("tenant {}: {}", t.name(), p));
            current = t.withUsers(read.users());
            LOG.info("tenant {}: {} users read from {}", t.name(), read.users().size(), file);
            return true;
        } catch (IOException e) {
            LOG.error("tenant {}: users file {} unreadable ({}); keeping {} users", t.name(), file, e.toString(),
                t.users().size());
            return false;
        }
    }

    private static Map<String, SipUser> usersOf(ConfiguredTenant t) {
        Map<String, SipUser> m = new java.util.HashMap<>();
        t.users().forEach(u -> m.put(u.username(), u));
        return m;
    }

    private void notifyListener() {
        Runnable l = listener;
        if (l != null) {
            l.run();
        }
    }
}
