package org.tabphone.tenant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tabphone.sip.api.auth.DigestAlgorithm;
import org.tabphone.tenant.api.SipUser;
import org.tabphone.tenant.api.UserChangeException;
import org.tabphone.tenant.api.UserChangeException.Reason;

/** Users changed through the service, on real files, seen through the directory at once. */
class UsersEditorTest {
    private static final String REALM = "d.test";

    @TempDir
    Path dir;

    private Path users;
    private TenantDirectoryComponent directory;
    private UsersEditor service;

    @BeforeEach
    void setUp() throws Exception {
        users = dir.resolve("demo.users");
        Files.write(users, List.of("# header", "", line("1001", "Alice", "a"), "# Bob's desk phone", line("1002", "Bob", "b")));
        TenantComponent tenant = new TenantComponent();
        Map<String, Object> config = new HashMap<>();
        config.put("name", "demo");
        config.put("domains", new String[] {REALM});
        config.put("users_file", users.toString());
        tenant.activate(Configs.tenant(config));
        directory = new TenantDirectoryComponent();
        directory.addSource(tenant);
        service = new UsersEditor(name -> name.equals("demo") ? Optional.of(tenant) : Optional.empty());
    }

    private static String line(String user, String name, String password) {
        return user + " = name=" + name + "; md5=" + DigestAlgorithm.MD5.ha1(user, REALM, password);
    }

    private SipUser live(String user) {
        return directory.byName("demo").orElseThrow().user(user).orElse(null);
    }

    private List<String> fileLines() throws Exception {
        return Files.readAllLines(users, StandardCharsets.UTF_8);
    }

    @Test
    void anAddedUserIsLiveAtOnceWithBothHa1ValuesAndTheFileKeepsItsComments() throws Exception {
        SipUser carol = service.add("demo", "2001", "s3cret", " Carol Smith ");
        assertEquals(carol, live("2001"), "no wait for the 2 s poll");
        assertEquals("Carol Smith", carol.displayName());
        assertEquals(DigestAlgorithm.MD5.ha1("2001", REALM, "s3cret"), carol.ha1Md5());
        assertEquals(DigestAlgorithm.SHA_256.ha1("2001", REALM, "s3cret"), carol.ha1Sha256());
        List<String> lines = fileLines();
        assertEquals(6, lines.size(), lines.toString());
        assertEquals(List.of("# header", "", line("1001", "Alice", "a"), "# Bob's desk phone", line("1002", "Bob", "b")),
            lines.subList(0, 5));
        assertFalse(String.join("\n", lines).contains("s3cret"), "no clear password on disk");
        assertEquals(UsersFile.parse("t", lines).users().get("2001"), carol, "the reader reads back what was written");
    }

    @Test
    void addingAUserThatExistsFailsAndChangesNothing() throws Exception {
        List<String> before = fileLines();
        UserChangeException e = assertThrows(UserChangeException.class, () -> service.add("demo", "1001", "x", null));
        assertEquals(Reason.USER_EXISTS, e.reason());
        assertTrue(e.getMessage().contains("user 1001 exists"), e.getMessage());
        assertEquals(before, fileLines());
    }

    @Test
    void aNewPasswordReplacesTheLineInPlaceAndKeepsTheDisplayName() throws Exception {
        service.setPassword("demo", "1001", "n3w");
        List<String> lines = fileLines();
        assertTrue(lines.get(2).startsWith("1001 = name=Alice; md5=" + DigestAlgorithm.MD5.ha1("1001", REALM, "n3w")),
            lines.get(2));
        assertEquals(DigestAlgorithm.SHA_256.ha1("1001", REALM, "n3w"), live("1001").ha1Sha256());
        assertEquals(5, lines.size());
    }

    @Test
    void aNewPasswordRepairsAnUnusableLine() throws Exception {
        Files.write(users, List.of("1003 = name=Carol; md5=nothex"));
        service.setPassword("demo", "1003", "pw");
        assertEquals("Carol", live("1003").displayName());
    }

    @Test
    void aNewDisplayNameKeepsTheCredentials() throws Exception {
        String md5 = live("1002").ha1Md5();
        service.setDisplayName("demo", "1002", "Robert");
        assertEquals(new SipUser("1002", "Robert", md5, null), live("1002"));
        assertEquals("1002 = name=Robert; md5=" + md5, fileLines().get(4));
    }

    @Test
    void removingAUserDropsOnlyItsLine() throws Exception {
        service.remove("demo", "1001");
        assertEquals(null, live("1001"));
        assertEquals(List.of("# header", "", "# Bob's desk phone", line("1002", "Bob", "b")), fileLines());
        assertEquals(Reason.NO_SUCH_USER, assertThrows(UserChangeException.class,
            () -> service.remove("demo", "1001")).reason());
        assertEquals(Reason.NO_SUCH_USER, assertThrows(UserChangeException.class,
            () -> service.setPassword("demo", "1001", "x")).reason());
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertEquals(Reason.UNKNOWN_TENANT, assertThrows(UserChangeException.class,
            () -> service.add("nope", "2001", "pw", null)).reason());
        for (String bad : List.of("", "a b", "a=b", "a;b", "a@b", "a%41", "é", "x".repeat(65))) {
            assertEquals(Reason.BAD_USERNAME, assertThrows(UserChangeException.class,
                () -> service.add("demo", bad, "pw", null)).reason(), bad);
        }
        assertEquals(Reason.BAD_PASSWORD, assertThrows(UserChangeException.class,
            () -> service.add("demo", "2001", "", null)).reason());
        assertEquals(Reason.BAD_DISPLAY_NAME, assertThrows(UserChangeException.class,
            () -> service.add("demo", "2001", "pw", "A; md5=0")).reason());
    }

    @Test
    void aMissingOrReadOnlyUsersFileIsReported() throws Exception {
        Files.delete(users);
        UserChangeException missing = assertThrows(UserChangeException.class, () -> service.add("demo", "2001", "pw", null));
        assertEquals(Reason.USERS_FILE, missing.reason());
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());

        Files.write(users, List.of(line("1001", "Alice", "a")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            if (!Files.isWritable(dir)) { // root can write anyway
                assertEquals(Reason.USERS_FILE, assertThrows(UserChangeException.class,
                    () -> service.add("demo", "2001", "pw", null)).reason());
            }
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void theRewrittenFileKeepsItsPermissionsAndLineEndings() throws Exception {
        Files.writeString(users, "# crlf\r\n" + line("1001", "Alice", "a") + "\r\n");
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r-----"));
        service.add("demo", "2001", "pw", null);
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
        String text = Files.readString(users);
        assertTrue(text.startsWith("# crlf\r\n1001 = ") && text.endsWith("\r\n") && !text.replace("\r\n", "").contains("\n"),
            text);
        try (var stray = Files.list(dir)) {
            assertEquals(List.of(users), stray.toList(), "no temp file left behind");
        }
    }

    @Test
    void concurrentChangesToOneFileAreSerialisedAndNoneIsLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<SipUser>> adds = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String user = Integer.toString(3000 + i);
                adds.add(pool.submit(() -> service.add("demo", user, "pw" + user, null)));
            }
            for (Future<SipUser> f : adds) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(42, directory.byName("demo").orElseThrow().users().size());
        assertEquals(42, UsersFile.read(users).users().size());
    }

    @Test
    void createUsersFileWritesAHeaderOnceAndLeavesAnExistingFileAlone() throws Exception {
        Path fresh = dir.resolve("sub/acme.users");
        assertTrue(service.createUsersFile(fresh, "acme", "acme.test"));
        assertTrue(Files.readString(fresh).contains("realm acme.test"));
        assertTrue(UsersFile.read(fresh).users().isEmpty() && UsersFile.read(fresh).problems().isEmpty());
        Files.writeString(fresh, line("1", "One", "x") + "\n");
        assertFalse(service.createUsersFile(fresh, "acme", "acme.test"));
        assertEquals(1, UsersFile.read(fresh).users().size());
    }
}
