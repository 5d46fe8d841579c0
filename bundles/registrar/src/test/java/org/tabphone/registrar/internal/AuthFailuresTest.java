package org.tabphone.registrar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tabphone.registrar.api.AuthBans;

class AuthFailuresTest {
    private static final long BAN = 60_000;

    @Test
    void theShellSeesBannedSourcesFirstAndLiftingOneLetsItInAtOnce() throws Exception {
        AuthFailures f = new AuthFailures();
        InetAddress scanner = InetAddress.getByName("198.51.100.7");
        InetAddress typo = InetAddress.getByName("192.0.2.1");
        for (int i = 0; i < 20; i++) {
            f.fail(scanner, 1000 + i, BAN);
        }
        f.fail(typo, 5000, BAN);

        List<AuthBans.Ban> seen = f.snapshot(10_000, 20, BAN);
        assertEquals(List.of(new AuthBans.Ban(scanner, 20, true, 52), new AuthBans.Ban(typo, 1, false, 55)), seen);
        assertTrue(f.isBanned(scanner, 10_000, 20, BAN));

        assertTrue(f.lift(scanner));
        assertFalse(f.isBanned(scanner, 10_001, 20, BAN));
        assertFalse(f.lift(scanner), "nothing left to lift");
        assertEquals(List.of(new AuthBans.Ban(typo, 1, false, 55)), f.snapshot(10_000, 20, BAN));
        assertEquals(List.of(), f.snapshot(5000 + BAN + 1, 20, BAN), "forgotten after the ban period");
    }
}
