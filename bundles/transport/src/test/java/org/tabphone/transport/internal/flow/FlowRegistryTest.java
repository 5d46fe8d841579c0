package org.tabphone.transport.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.embedded.EmbeddedChannel;

import org.junit.jupiter.api.Test;
import org.tabphone.transport.api.Flow;

/** udp.max.flows: a full table first forgets peers silent for a minute, then drops new ones. */
class FlowRegistryTest {
    private static final long SECOND = 1_000_000_000L;
    private final List<Flow> closed = new ArrayList<>();
    private final FlowRegistry flows = new FlowRegistry(closed::add);
    private final EmbeddedChannel listener = new EmbeddedChannel();

    private static InetSocketAddress peer(int port) {
        return new InetSocketAddress("192.0.2.1", port);
    }

    @Test
    void aFullTableDropsNewPeersButServesKnownOnes() {
        long t = 1_000 * SECOND;
        DatagramFlow a = flows.udpInbound(listener, peer(1), t, 2);
        assertNotNull(flows.udpInbound(listener, peer(2), t, 2));
        assertNull(flows.udpInbound(listener, peer(3), t + SECOND, 2), "full, and nobody silent for a minute");
        assertSame(a, flows.udpInbound(listener, peer(1), t + 2 * SECOND, 2), "a known peer keeps its flow");
        assertEquals(0, closed.size());
    }

    @Test
    void aFullTableForgetsPeersSilentForAMinuteToMakeRoom() {
        long t = 1_000 * SECOND;
        flows.udpInbound(listener, peer(1), t, 2);
        flows.udpInbound(listener, peer(2), t + 30 * SECOND, 2);
        assertNotNull(flows.udpInbound(listener, peer(3), t + 61 * SECOND, 2), "peer 1 was silent 61 s");
        assertEquals(1, closed.size());
        assertEquals(peer(1), closed.get(0).remote());
        assertNull(flows.udpInbound(listener, peer(4), t + 61 * SECOND + SECOND / 2, 2),
            "full again, and the next sweep is not due for a second");
    }

    @Test
    void noCapMeansNoCap() {
        for (int port = 1; port <= 1000; port++) {
            assertNotNull(flows.udpInbound(listener, peer(port), SECOND, 0));
        }
        assertEquals(1000, flows.size());
    }
}
