package org.tabphone.tenant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tenant and the directory, on real files, without OSGi (DS methods called as SCR would). */
class TenantComponentTest {
    @TempDir
    Path dir;

    private Map<String, Object> config(String name, String domains, Path users) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("domains", new String[] {domains});
        m.put("users_file", users.toString());
        return m;
    }

    private Path usersFile(String name, String... lines) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, List.of(lines));
        return p;
    }

    private static String user(String u) throws Exception {
        return u + " = name=U" + u + "; md5=" + UsersFileTest.ha1("MD5", u, "d.test", "pw");
    }

    @Test
    void directoryFindsTenantsByDomainAndFallsBack() throws Exception {
        TenantComponent a = new TenantComponent();
        Map<String, Object> ca = config("acme", "acme.test, sip.acme.test", usersFile("a", user("1")));
        a.activate(Configs.tenant(ca));
        TenantComponent b = new TenantComponent();
        Map<String, Object> cb = config("demo", "demo.test", usersFile("b", user("2")));
        cb.put("fallback", true);
        b.activate(Configs.tenant(cb));
        TenantDirectoryComponent dirc = new TenantDirectoryComponent();
        dirc.addSource(a);
        dirc.addSource(b);
        assertEquals("acme", dirc.byDomain("SIP.ACME.TEST").orElseThrow().name(), "domains are case-insensitive");
        assertEquals("acme", dirc.byDomain("acme.test.").orElseThrow().name(), "absolute FQDN");
        assertEquals("demo", dirc.byDomain("192.0.2.10").orElseThrow().name(), "fallback takes unknown domains");
        assertEquals("U1", dirc.byName("acme").orElseThrow().user("1").orElseThrow().displayName());
        dirc.removeSource(b);
        assertTrue(dirc.byDomain("192.0.2.10").isEmpty(), "no fallback once demo is gone");
        assertEquals(List.of("acme"), dirc.tenants().stream().map(t -> t.name()).toList());
    }

    @Test
    void usersFileEditsApplyAndAnUnreadableFileKeepsTheUsers() throws Exception {
        Path users = usersFile("u", user("1001"));
        TenantComponent t = new TenantComponent();
        t.activate(Configs.tenant(config("demo", "d.test", users)));
        AtomicInteger changes = new AtomicInteger();
        t.onChange(changes::incrementAndGet);
        t.refreshUsers();
        assertEquals(0, changes.get(), "unchanged file: nothing to do");

        Files.write(users, List.of(user("1001"), user("1002")));
        Files.setLastModifiedTime(users, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        t.refreshUsers();
        assertEquals(1, changes.get());
        assertEquals(2, t.current().users().size());

        Files.delete(users);
        t.refreshUsers();
        assertEquals(2, t.current().users().size(), "last good users stay");
    }

    @Test
    void aBadConfigurationIsRejectedAndTheLastGoodOneStays() throws Exception {
        TenantComponent t = new TenantComponent();
        Map<String, Object> c = config("demo", "d.test", usersFile("u", user("1")));
        t.activate(Configs.tenant(c));
        c.put("domains", new String[] {"not a domain!"});
        t.modified(Configs.tenant(c), c);
        assertEquals(List.of("d.test"), t.current().domains());
        c.put("domains", new String[] {"d.test", "e.test"});
        t.modified(Configs.tenant(c), c);
        assertEquals(List.of("d.test", "e.test"), t.current().domains());
        assertEquals(1, t.current().users().size(), "same users file: users kept");
    }

    @Test
    void aFirstConfigurationThatIsBadFailsActivation() throws Exception {
        Map<String, Object> c = config("Bad Name", "d.test", usersFile("u", user("1")));
        assertThrows(IllegalArgumentException.class, () -> new TenantComponent().activate(Configs.tenant(c)));
    }

    @Test
    void realmDefaultsToTheFirstDomain() throws Exception {
        TenantComponent t = new TenantComponent();
        t.activate(Configs.tenant(config("demo", "first.test,second.test", usersFile("u", user("1")))));
        assertEquals("first.test", t.current().realm());
        assertFalse(t.current().isFallback());
    }

    @Test
    void conflictingDomainsGoToTheTenantWhoseNameSortsFirst() throws Exception {
        TenantComponent a = new TenantComponent();
        a.activate(Configs.tenant(config("bbb", "shared.test", usersFile("a", user("1")))));
        TenantComponent b = new TenantComponent();
        b.activate(Configs.tenant(config("aaa", "shared.test", usersFile("b", user("2")))));
        TenantDirectoryComponent d = new TenantDirectoryComponent();
        d.addSource(a);
        d.addSource(b);
        assertEquals("aaa", d.byDomain("shared.test").orElseThrow().name());
    }
}
