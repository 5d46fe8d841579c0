package org.tabphone.tenant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.auth.DigestAlgorithm;
import org.tabphone.tenant.api.SipUser;

class UsersFileTest {
    static String ha1(String algorithm, String user, String realm, String password) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
            .digest((user + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsUsersWithBothHa1Values() throws Exception {
        String md5 = ha1("MD5", "1001", "r", "pw");
        String sha = ha1("SHA-256", "1001", "r", "pw");
        var r = UsersFile.parse("t", List.of("# comment", "", "1001 = name=Alice Smith; md5=" + md5 + "; sha256=" + sha));
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        SipUser alice = r.users().get("1001");
        assertEquals("Alice Smith", alice.displayName());
        assertEquals(md5, alice.ha1(DigestAlgorithm.MD5).orElseThrow());
        assertEquals(sha, alice.ha1(DigestAlgorithm.SHA_256).orElseThrow());
    }

    @Test
    void badLinesAreReportedWithTheirLineNumberAndSkipped() throws Exception {
        String md5 = ha1("MD5", "1002", "r", "pw");
        var r = UsersFile.parse("users", List.of(
            "1001 = name=A; md5=nothex",
            "no equals sign",
            "1002 = md5=" + md5,
            "1003 = name=C",
            "1002 = md5=" + md5,
            "1004 = colour=blue; md5=" + md5));
        assertEquals(1, r.users().size());
        assertEquals("1002", r.users().get("1002").displayName(), "display name defaults to the user");
        assertNull(r.users().get("1002").ha1Sha256());
        assertEquals(5, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).startsWith("users:1: md5 must be 32 hex"), r.problems().get(0));
        assertTrue(r.problems().get(2).contains("no credential"), r.problems().get(2));
        assertTrue(r.problems().get(3).contains("appears twice"), r.problems().get(3));
        assertTrue(r.problems().get(4).contains("unknown field 'colour'"), r.problems().get(4));
    }

    @Test
    void secretsNeverAppearInToString() throws Exception {
        String md5 = ha1("MD5", "1001", "r", "pw");
        SipUser u = UsersFile.parse("t", List.of("1001 = md5=" + md5)).users().get("1001");
        assertTrue(!u.toString().contains(md5), u.toString());
    }
}
