package org.tabphone.webphone.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tabphone.tenant.api.IceServers;

/** The ICE servers endpoint's parts: RFC 7617 Basic credentials and the RTCConfiguration JSON. */
class IceServersEndpointTest {

    private static String basic(String plain) {
        return "Basic " + Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rfc7617_userAtDomainColonPassword() {
        IceServersEndpoint.Caller c = IceServersEndpoint.Caller.of(basic("1001@demo.tabphone.test:pa:ss")).orElseThrow();
        assertEquals("1001", c.user());
        assertEquals("demo.tabphone.test", c.domain());
        assertEquals("pa:ss", c.password(), "the password may hold colons");
        assertTrue(IceServersEndpoint.Caller.of(basic("1001:pw")).isEmpty(), "no domain");
        assertTrue(IceServersEndpoint.Caller.of("Bearer x").isEmpty());
        assertTrue(IceServersEndpoint.Caller.of("Basic !!!").isEmpty());
        assertTrue(IceServersEndpoint.Caller.of(null).isEmpty());
    }

    @Test
    void jsonListsStunAndTurnWithAnEphemeralCredential() {
        IceServers ice = new IceServers(List.of("stun:198.51.100.1:3478"), List.of("turn:198.51.100.1:3478?transport=udp"),
            "north", 3600);
        String json = IceServersEndpoint.json(ice, "1001", Instant.ofEpochSecond(1_700_000_000), "gw.example");
        assertEquals("{\"iceServers\":[{\"urls\":[\"stun:198.51.100.1:3478\"]},{\"urls\":[\"turn:198.51.100.1:3478?transport=udp\"],"
            + "\"username\":\"1700003600:1001\",\"credential\":\"6BMwxCcQmem9j2CqchAoA72tQPE=\"}]}\n", json);
        assertEquals("{\"iceServers\":[]}\n", IceServersEndpoint.json(IceServers.NONE, "1001", Instant.now(), "gw.example"));
    }

    @Test
    void hostInAUrlIsTheNameThePageReachedTheGatewayBy() {
        IceServers ice = new IceServers(List.of("stun:{host}:3478"), List.of(), "", 3600);
        assertEquals("{\"iceServers\":[{\"urls\":[\"stun:phone.example.com:3478\"]}]}\n",
            IceServersEndpoint.json(ice, "1001", Instant.now(), IceServersEndpoint.hostOf("phone.example.com:8443")));
        assertEquals("[2001:db8::1]", IceServersEndpoint.hostOf("[2001:db8::1]:8443"));
        assertEquals("192.0.2.7", IceServersEndpoint.hostOf("192.0.2.7"));
        assertEquals("127.0.0.1", IceServersEndpoint.hostOf("evil\",\"x:1"), "no header text reaches the JSON");
        assertEquals("127.0.0.1", IceServersEndpoint.hostOf(null));
    }
}
