package org.tabphone.sdp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CandidateTest {
    @Test
    void parsesHostTcpWithExtensions() {
        Candidate c = Candidate.parse("3496416974 1 tcp 1518283007 2a02:a03f:3eb0:e000:b0aa:d60a:cff2:933c 9 typ host"
                + " tcptype active generation 0 network-id 2 network-cost 10").orElseThrow();
        assertEquals("tcp", c.transport());
        assertEquals(9, c.port());
        assertEquals(Optional.empty(), c.relatedAddress());
        assertTrue(c.relatedPort().isEmpty());
        assertEquals(java.util.List.of("tcptype", "generation", "network-id", "network-cost"),
                java.util.List.copyOf(c.extensions().keySet()), "order kept");
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void acceptsTheJavaScriptForm() {
        Candidate c = Candidate.parse("candidate:X 2 UDP 659134 192.168.100.100 10019 typ host").orElseThrow();
        assertEquals("X", c.foundation());
        assertEquals(2, c.component());
        assertTrue(c.isUdp());
        assertEquals("X 2 UDP 659134 192.168.100.100 10019 typ host", c.encode());
    }

    @Test
    void buildsOurServerReflexiveCandidate() {
        Candidate c = Candidate.builder().foundation("2").component(1).priority(1694498815L).address("198.51.100.7")
                .port(40000).type("srflx").relatedAddress("10.0.0.7").relatedPort(40000).extension("generation", "0")
                .build();
        assertEquals("a=candidate:2 1 udp 1694498815 198.51.100.7 40000 typ srflx raddr 10.0.0.7 rport 40000"
                + " generation 0", c.toString());
        assertEquals(Optional.of(c), Candidate.parse(c.encode()));
        assertEquals(Map.of("generation", "0"), c.extensions());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1 1 udp 1 192.0.2.1 5 host", "1 1 udp 1 192.0.2.1 5 typ", "1 0 udp 1 192.0.2.1 5 typ host",
        "1 257 udp 1 192.0.2.1 5 typ host", "1 1 udp -1 192.0.2.1 5 typ host", "1 1 udp 4294967296 192.0.2.1 5 typ host",
        "1 1 udp 1 192.0.2.1 65536 typ host", "1 1 udp 1 192.0.2.1 5 typ host generation",
        "1 1 udp 1 192.0.2.1 5 typ srflx raddr 10.0.0.1 rport x", "1 1 udp 1 192.0.2.1 5 typ host a 1 a 2",
        "candidate:candidate:1 1 udp 1 192.0.2.1 5 typ host"})
    void malformedIsEmpty(String value) {
        assertEquals(Optional.empty(), Candidate.parse(value));
    }
}
