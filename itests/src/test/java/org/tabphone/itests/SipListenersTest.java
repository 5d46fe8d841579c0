package org.tabphone.itests;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The assembly's SIP listeners answer on the wire, configured from etc/org.tabphone.transport.cfg. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SipListenersTest extends TabphoneTestSupport {

    @Test
    public void udpListenerAnswersAMalformedRequestWith400() throws Exception {
        String bad = "OPTIONS sip:gw@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-itest\r\n"
            + "Max-Forwards: 70\r\nTo: <sip:gw@127.0.0.1>\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\n"
            + "Call-ID: itest-1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        String reply = exchange(bad);
        assertNotNull("no answer from the UDP listener", reply);
        assertTrue(reply, reply.startsWith("SIP/2.0 400 "));
        assertTrue(reply, reply.contains("Call-ID: itest-1"));
    }

    private static String exchange(String request) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            s.setSoTimeout(3000);
            byte[] out = request.getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(out, out.length, new InetSocketAddress("127.0.0.1", sipPort("udp"))));
            byte[] buf = new byte[65536];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            return new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
        }
    }
}
