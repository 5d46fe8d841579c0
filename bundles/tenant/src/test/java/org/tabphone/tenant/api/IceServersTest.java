package org.tabphone.tenant.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** TURN REST API credentials (draft-uberti-behave-turn-rest, as coturn's use-auth-secret checks them). */
class IceServersTest {

    @Test
    void turnRestCredentialIsExpiryColonUserSignedWithTheSharedSecret() {
        IceServers ice = new IceServers(List.of("stun:198.51.100.1:3478"), List.of("turn:198.51.100.1:3478?transport=udp"),
            "north", 3600);
        IceServers.TurnCredential c = ice.turnCredential("1001", Instant.ofEpochSecond(1_700_000_000)).orElseThrow();
        assertEquals("1700003600:1001", c.username());
        // echo -n 1700003600:1001 | openssl dgst -sha1 -hmac north -binary | base64
        assertEquals("6BMwxCcQmem9j2CqchAoA72tQPE=", c.password());
    }

    @Test
    void badSettingsAreRefusedAndNoTurnMeansNoCredential() {
        assertThrows(IllegalArgumentException.class, () -> new IceServers(List.of("http://x"), List.of(), "", 3600));
        assertThrows(IllegalArgumentException.class, () -> new IceServers(List.of(), List.of("turn:x"), "", 3600));
        assertTrue(IceServers.NONE.turnCredential("1001", Instant.now()).isEmpty());
        assertTrue(!IceServers.NONE.toString().contains("north"));
    }
}
