package org.tabphone.trunk.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.trunk.api.Capacity;
import org.tabphone.trunk.api.NumberPlan;
import org.tabphone.trunk.api.TrunkSettings;

/** RFC 3263 §4.2 against a DNS server on loopback that answers SRV queries (RFC 1035 wire format, RFC 2782 records). */
class SrvLookupTest {
    private DatagramSocket dns;
    private Thread server;

    /** name → SRV records "priority weight port target" the fake server answers with. */
    private static final Map<String, List<int[]>> RECORDS = Map.of(
        "_sip._udp.acme.test", List.of(new int[] {20, 0, 5080}, new int[] {10, 5, 5070}),
        "_sips._tcp.acme.test", List.of(new int[] {10, 0, 5061}));

    @BeforeEach
    void startDns() throws Exception {
        dns = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        server = new Thread(this::serve, "fake-dns");
        server.setDaemon(true);
        server.start();
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    private void serve() {
        byte[] buf = new byte[512];
        while (!dns.isClosed()) {
            try {
                DatagramPacket q = new DatagramPacket(buf, buf.length);
                dns.receive(q);
                byte[] a = answer(ByteBuffer.wrap(q.getData(), 0, q.getLength()));
                dns.send(new DatagramPacket(a, a.length, q.getSocketAddress()));
            } catch (Exception e) {
                return;
            }
        }
    }

    /** A response with the SRV records of the question's name (targets "localhost"), or NXDOMAIN. */
    private static byte[] answer(ByteBuffer q) {
        int id = q.getShort() & 0xffff;
        q.position(12);
        StringBuilder name = new StringBuilder();
        for (int len = q.get(); len != 0; len = q.get()) {
            byte[] label = new byte[len];
            q.get(label);
            name.append(name.length() == 0 ? "" : ".").append(new String(label, StandardCharsets.US_ASCII));
        }
        int questionEnd = q.position() + 4;
        List<int[]> records = RECORDS.get(name.toString().toLowerCase());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(12);
        h.putShort((short) id).putShort((short) (records == null ? 0x8183 : 0x8180)).putShort((short) 1)
            .putShort((short) (records == null ? 0 : records.size())).putShort((short) 0).putShort((short) 0);
        out.writeBytes(h.array());
        out.write(q.array(), 12, questionEnd - 12);
        if (records != null) {
            byte[] target = {9, 'l', 'o', 'c', 'a', 'l', 'h', 'o', 's', 't', 0};
            for (int[] r : records) {
                ByteBuffer rr = ByteBuffer.allocate(12 + 6 + target.length);
                rr.putShort((short) 0xc00c).putShort((short) 33).putShort((short) 1).putInt(60)
                    .putShort((short) (6 + target.length)).putShort((short) r[0]).putShort((short) r[1]).putShort((short) r[2])
                    .put(target);
                out.writeBytes(rr.array());
            }
        }
        return out.toByteArray();
    }

    private SrvLookup lookup() {
        return new SrvLookup("127.0.0.1:" + dns.getLocalPort());
    }

    private static TrunkSettings trunk(String host, int port, TransportKind transport) {
        return new TrunkSettings("acme", "demo", "sip", host, port, transport, host, "", "", "", false, 600, List.of(),
            new Capacity(-1, -1, -1, 486), new NumberPlan("", "0", "00", NumberPlan.Format.E164), List.of(), 100, "",
            Map.of(), "", Map.of());
    }

    @Test
    void rfc2782_targetsByPriorityThenWeight() throws Exception {
        List<SrvLookup.Target> t = lookup().lookup("_sip._udp.acme.test");
        assertEquals(2, t.size());
        assertEquals(5070, t.get(0).port());
        assertEquals("localhost", t.get(0).host());
        assertTrue(lookup().lookup("_sip._udp.nothing.test").isEmpty(), "NXDOMAIN: no records");
    }

    @Test
    void rfc3263_aNameWithoutPortGoesToItsBestSrvTarget() throws Exception {
        ProviderAddresses udp = new ProviderAddresses(trunk("acme.test", 0, TransportKind.UDP), lookup());
        udp.resolve();
        assertEquals(5070, udp.proxy().getPort());
        assertTrue(udp.proxy().getAddress().isLoopbackAddress());
        assertTrue(udp.accepts(new InetSocketAddress(udp.proxy().getAddress(), 40000)), "SRV targets are the provider");

        ProviderAddresses tls = new ProviderAddresses(trunk("acme.test", 0, TransportKind.TLS), lookup());
        tls.resolve();
        assertEquals(5061, tls.proxy().getPort());
    }

    @Test
    void rfc3263_aGivenPortOrNoSrvMeansTheNamesOwnAddresses() throws Exception {
        ProviderAddresses withPort = new ProviderAddresses(trunk("localhost", 5090, TransportKind.UDP), lookup());
        withPort.resolve();
        assertEquals(5090, withPort.proxy().getPort());
        ProviderAddresses noSrv = new ProviderAddresses(trunk("localhost", 0, TransportKind.TCP), lookup());
        noSrv.resolve();
        assertEquals(5060, noSrv.proxy().getPort());
        ProviderAddresses literal = new ProviderAddresses(trunk("127.0.0.2", 0, TransportKind.UDP), lookup());
        assertTrue(!literal.needsLookup());
        assertNull(literal.proxy());
        literal.resolve();
        assertEquals(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 5060), literal.proxy());
    }
}
