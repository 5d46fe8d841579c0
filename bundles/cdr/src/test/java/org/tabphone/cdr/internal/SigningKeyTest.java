package org.tabphone.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {
    @Test
    void theKeyIsMadeOnceKeptPrivateAndReadBackOnTheNextStart(@TempDir Path dir) throws Exception {
        SigningKey first = SigningKey.loadOrCreate(dir.resolve("cdr"));
        Path priv = dir.resolve("cdr").resolve(SigningKey.PRIVATE_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        assertTrue(Files.readString(priv).startsWith("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI"),
            Files.readString(priv)); // RFC 8410 §7: PKCS#8 v1, as openssl genpkey -algorithm ed25519 writes
        String pub = Files.readString(dir.resolve("cdr").resolve(SigningKey.PUBLIC_FILE));
        assertTrue(pub.startsWith("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA"), pub); // SPKI, OID 1.3.101.112

        SigningKey again = SigningKey.loadOrCreate(dir.resolve("cdr"));
        assertEquals(first.publicKeyPem(), again.publicKeyPem());
        byte[] data = "record".getBytes(StandardCharsets.UTF_8);
        assertTrue(again.verify(data, first.sign(data)));
    }
}
