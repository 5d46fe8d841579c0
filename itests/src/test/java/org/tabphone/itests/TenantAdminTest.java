package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Tenants and users managed from the shell, proven on the wire: a tenant made with
 * {@code tenant-add} takes REGISTERs for users made with {@code user-add}; {@code user-passwd},
 * {@code user-remove} and {@code tenant-remove} take effect at once, without the 2 s users-file poll.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TenantAdminTest extends TabphoneTestSupport {
    private static final String DOMAIN = "admin.tabphone.test";

    @Before
    public void gatewayUp() throws Exception {
        awaitSipService();
        for (int i = 0; i < 50; i++) { // the admin bundle's commands register at boot
            if (sessionFactory.getRegistry().getCommands().stream()
                    .anyMatch(c -> "tabphone".equals(c.getScope()) && "tenant-remove".equals(c.getName()))) {
                return;
            }
            Thread.sleep(200);
        }
        fail("tabphone:tenant-remove never registered");
    }

    /** REGISTER answered with digest (MD5) for {@code password}; returns the final status of the authenticated try. */
    private static int register(SipPhone phone, String user, String password) throws Exception {
        String callId = "reg-" + user + "-" + System.nanoTime();
        String base = "REGISTER sip:" + DOMAIN + " SIP/2.0\r\n%s\r\nMax-Forwards: 70\r\n"
            + "To: <sip:" + user + "@" + DOMAIN + ">\r\nFrom: <sip:" + user + "@" + DOMAIN + ">;tag=t" + phone.port() + "\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: %d REGISTER\r\nContact: <sip:" + user + "@127.0.0.1:" + phone.port() + ">\r\n"
            + "%sContent-Length: 0\r\n\r\n";
        phone.send(String.format(base, phone.via(), 1, ""));
        String challenge = phone.expect("SIP/2.0 401", 3000);
        String auth = SipPhone.authorization(challenge, user, password, "sip:" + DOMAIN, 1);
        assertFalse("no MD5 challenge: " + challenge, auth.isEmpty());
        phone.send(String.format(base, phone.via(), 2, auth));
        while (true) {
            String reply = phone.expect("SIP/2.0 ", 3000);
            int code = Integer.parseInt(reply.substring(8, 11));
            if (code >= 200) {
                return code;
            }
        }
    }

    /** Runs a command that must fail; returns its error message. */
    private String failure(String command) throws Exception {
        String printed;
        try {
            printed = executeCommand(command);
        } catch (Exception e) {
            return String.valueOf(e.getMessage());
        }
        throw new AssertionError(command + " should have failed; it printed: " + printed);
    }

    private static Path usersFile(String tenant) {
        return Path.of(System.getProperty("karaf.etc"), "tabphone", tenant + ".users");
    }

    private void removeTenant(String tenant) throws Exception {
        if (executeCommand("tabphone:tenants").contains(tenant)) {
            executeCommand("tabphone:tenant-remove " + tenant);
        }
        Files.deleteIfExists(usersFile(tenant));
    }

    @Test
    public void tenantAndUsersFromTheShellTakeEffectOnTheWire() throws Exception {
        try (SipPhone phone = new SipPhone(sipPort("udp"))) {
            String added = executeCommand("tabphone:tenant-add admin-test " + DOMAIN + " max.registrations=50");
            assertTrue(added, added.contains("Tenant admin-test added") && added.contains("(created empty)"));
            String tenants = executeCommand("tabphone:tenants");
            assertTrue(tenants, tenants.lines().anyMatch(l -> l.contains("admin-test") && l.contains(DOMAIN)));

            String user = executeCommand("tabphone:user-add admin-test 2001 first-Pw Ada Admin");
            assertTrue(user, user.contains("User 2001 (Ada Admin) added"));
            assertEquals("a user added a moment ago registers", 200, register(phone, "2001", "first-Pw"));
            String file = Files.readString(usersFile("admin-test"), StandardCharsets.UTF_8);
            assertTrue(file, file.startsWith("# Users of tenant 'admin-test'") && file.contains("2001 = name=Ada Admin; md5="));
            assertFalse("no clear password on disk", file.contains("first-Pw"));

            executeCommand("tabphone:user-passwd admin-test 2001 second-Pw");
            int old = register(phone, "2001", "first-Pw");
            assertTrue("old password after user-passwd: " + old, old == 401 || old == 403);
            assertEquals(200, register(phone, "2001", "second-Pw"));

            executeCommand("tabphone:user-set admin-test 2001 name=Ada Lovelace");
            String users = executeCommand("tabphone:users admin-test");
            assertTrue(users, users.lines().anyMatch(l -> l.contains("2001") && l.contains("Ada Lovelace")
                && l.contains("MD5 SHA-256") && l.trim().endsWith("1")));

            String removed = executeCommand("tabphone:user-remove admin-test 2001");
            assertTrue(removed, removed.contains("User 2001 removed from tenant admin-test (1 registration dropped)"));
            // an unknown user's digest is treated like a wrong password: challenged again (403 once banned)
            int gone = register(phone, "2001", "second-Pw");
            assertTrue("removed user: " + gone, gone == 401 || gone == 403);
            users = executeCommand("tabphone:users admin-test");
            assertFalse(users, users.contains("2001"));
            String registrations = executeCommand("tabphone:registrations admin-test");
            assertFalse(registrations, registrations.contains("2001@"));

            String tenantGone = executeCommand("tabphone:tenant-remove admin-test");
            assertTrue(tenantGone, tenantGone.contains("Tenant admin-test removed") && tenantGone.contains("left in place"));
            assertFalse(executeCommand("tabphone:tenants").contains("admin-test"));
            assertTrue("the users file stays", Files.isRegularFile(usersFile("admin-test")));
            String unknown = failure("tabphone:user-add admin-test 2002 pw");
            assertTrue(unknown, unknown.contains("no tenant named 'admin-test'"));
        } finally {
            removeTenant("admin-test");
        }
    }

    @Test
    public void badRequestsAreRefusedWithAClearMessage() throws Exception {
        try {
            executeCommand("tabphone:tenant-add admin-bad bad.admin.tabphone.test");
            executeCommand("tabphone:user-add admin-bad 3001 pw");
            String exists = failure("tabphone:user-add admin-bad 3001 other");
            assertTrue(exists, exists.contains("user 3001 exists in tenant admin-bad"));
            String badName = failure("tabphone:user-add admin-bad no@pe pw");
            assertTrue(badName, badName.contains("bad user name 'no@pe'"));
            String absent = failure("tabphone:user-passwd admin-bad 3999 pw");
            assertTrue(absent, absent.contains("tenant admin-bad has no user 3999"));
            String taken = failure("tabphone:tenant-add admin-bad2 demo.tabphone.test");
            assertTrue(taken, taken.contains("domain demo.tabphone.test belongs to tenant demo"));
            String twice = failure("tabphone:tenant-add admin-bad other.admin.tabphone.test");
            assertTrue(twice, twice.contains("tenant admin-bad exists"));
            String rejected = failure("tabphone:tenant-add admin-bad3 bad_domain.test");
            assertTrue(rejected, rejected.contains("rejected and not added"));
            assertFalse("a rejected tenant leaves no users file", Files.exists(usersFile("admin-bad3")));
            String users = executeCommand("tabphone:users admin-bad");
            assertTrue(users, users.contains("3001"));
            executeCommand("tabphone:trunk-add admin-bad-trunk admin-bad 127.0.0.1");
            String named = failure("tabphone:tenant-remove admin-bad");
            assertTrue(named, named.contains("tenant admin-bad is still named by trunk admin-bad-trunk") && named.contains("--force"));
            assertTrue("refused means kept", executeCommand("tabphone:tenants").contains("admin-bad"));
            executeCommand("tabphone:trunk-remove admin-bad-trunk");
        } finally {
            removeTenant("admin-bad");
        }
    }
}
