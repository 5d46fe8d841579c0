package org.tabphone.media.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.nio.NioEventLoopGroup;

/** The gateway's STUN server on a real UDP socket: what a browser asks for its server-reflexive address. */
class StunServerTest {
    private NioEventLoopGroup loops;
    private StunServer server;
    private final LongAdder answered = new LongAdder();

    @BeforeEach
    void start() {
        loops = new NioEventLoopGroup(1);
        server = StunServer.start(loops, InetAddress.getLoopbackAddress(), 0, answered);
    }

    @AfterEach
    void stop() {
        server.close();
        loops.shutdownGracefully().syncUninterruptibly();
    }

    @Test
    void aBindingRequestLearnsItsOwnAddressAndPort() throws Exception {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setSoTimeout(2000);
            byte[] tx = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
            byte[] response = ask(client, bindingRequest(tx));
            ByteBuffer b = ByteBuffer.wrap(response);
            assertEquals(0x0101, b.getShort(0), "Binding success response");
            assertEquals(0x2112A442, b.getInt(4), "magic cookie");
            assertArrayEquals(tx, Arrays.copyOfRange(response, 8, 20), "same transaction id");
            assertEquals(response.length - 20, b.getShort(2), "length covers the attributes");

            int at = 20;
            int port = -1;
            byte[] address = null;
            boolean fingerprint = false;
            while (at + 4 <= response.length) {
                int type = b.getShort(at) & 0xFFFF;
                int len = b.getShort(at + 2) & 0xFFFF;
                if (type == 0x0020) { // XOR-MAPPED-ADDRESS, IPv4
                    port = (b.getShort(at + 6) & 0xFFFF) ^ 0x2112;
                    int ip = b.getInt(at + 8) ^ 0x2112A442;
                    address = ByteBuffer.allocate(4).putInt(ip).array();
                }
                fingerprint |= type == 0x8028;
                at += 4 + ((len + 3) & ~3);
            }
            assertEquals(client.getLocalPort(), port);
            assertArrayEquals(InetAddress.getLoopbackAddress().getAddress(), address);
            assertEquals(true, fingerprint, "FINGERPRINT last");
            assertEquals(1, answered.sum());
        }
    }

    @Test
    void anythingButABindingRequestIsDropped() throws Exception {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setSoTimeout(300);
            byte[] indication = bindingRequest(new byte[12]);
            indication[1] = 0x11; // Binding indication
            assertThrows(SocketTimeoutException.class, () -> ask(client, indication));
            assertThrows(SocketTimeoutException.class, () -> ask(client, "OPTIONS sip:x SIP/2.0\r\n\r\n".getBytes()));
            assertThrows(SocketTimeoutException.class, () -> ask(client, Arrays.copyOf(bindingRequest(new byte[12]), 12)));
            client.setSoTimeout(2000);
            assertEquals(0x0101, ByteBuffer.wrap(ask(client, bindingRequest(new byte[12]))).getShort(0), "still answering");
        }
    }

    private byte[] ask(DatagramSocket client, byte[] request) throws Exception {
        client.send(new DatagramPacket(request, request.length, server.localAddress()));
        DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
        client.receive(p);
        return Arrays.copyOf(p.getData(), p.getLength());
    }

    /** RFC 8489 §5: a Binding request with no attributes. */
    private static byte[] bindingRequest(byte[] tx) {
        return ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0).putInt(0x2112A442).put(tx).array();
    }

    @Test
    void aPortInUseIsAnIllegalStateExceptionTheMediaServiceCanCatch() {
        int taken = server.localAddress().getPort();
        assertThrows(IllegalStateException.class,
            () -> StunServer.start(loops, InetAddress.getLoopbackAddress(), taken, new LongAdder()));
    }
}
