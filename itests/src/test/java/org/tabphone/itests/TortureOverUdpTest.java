package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Every RFC 4475 torture message, sent to the assembly's UDP listener: invalid requests get a
 * 4xx/5xx, broken responses are dropped silently, valid requests are answered (not 400), and
 * the gateway still serves a valid REGISTER afterwards.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TortureOverUdpTest extends TabphoneTestSupport {

    @Test
    public void rfc4475_everyMessageGetsTheRightTreatmentOverUdp() throws Exception {
        Path dir = Path.of(System.getProperty("tabphone.testdata"), "sip-torture");
        List<String> manifest = Files.readAllLines(dir.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
        awaitSipService();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        // one socket per message: retransmitted final responses (Timer G, no ACK comes) stay on theirs
        {
            for (String row : manifest.subList(1, manifest.size())) {
                String[] f = row.split("\t");
                String file = f[0];
                String verdict = f[3];
                if (verdict.equals("not-rfc4475")) {
                    continue;
                }
                byte[] bytes = uniqueBranch(Files.readAllBytes(dir.resolve(file)), checked);
                boolean isResponse = new String(bytes, 0, 8, StandardCharsets.ISO_8859_1).startsWith("SIP/2.0");
                boolean isAck = new String(bytes, 0, 4, StandardCharsets.ISO_8859_1).equals("ACK ");
                int status;
                try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                    status = udpFinalStatus(s, bytes);
                }
                checked++;
                if (isResponse || isAck) {
                    if (status != 0) {
                        wrong.add(file + ": a response/ACK was answered " + status);
                    }
                } else if (verdict.equals("invalid-must-reject")) {
                    if (status < 400) {
                        wrong.add(file + ": invalid request answered " + status + " (want 4xx/5xx)");
                    }
                } else if (status == 0 || status == 400 && verdict.equals("valid")) {
                    wrong.add(file + ": valid request answered " + status);
                }
            }
            assertEquals(49, checked);
            String register = "REGISTER sip:demo.tabphone.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:9;rport;branch=z9hG4bK-after-torture\r\n"
                + "Max-Forwards: 70\r\nTo: <sip:1001@demo.tabphone.test>\r\nFrom: <sip:1001@demo.tabphone.test>;tag=t\r\n"
                + "Call-ID: after-torture\r\nCSeq: 1 REGISTER\r\nContact: <sip:1001@127.0.0.1:9>\r\nContent-Length: 0\r\n\r\n";
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                assertEquals("a valid REGISTER after the torture", 401,
                    udpFinalStatus(s, register.getBytes(StandardCharsets.UTF_8)));
            }
        }
        assertTrue(String.join("\n", wrong), wrong.isEmpty());
    }

    /**
     * Several RFC 4475 requests share a branch and sent-by (e.g. cparam01/cparam02); RFC 3261
     * §17.2.3 rightly makes the second a retransmission of the first, answered on the first's
     * path. Each message gets its own branch so each is judged on its own. A bare magic cookie
     * (badbranch.dat) stays as it is: that is what it tests.
     */
    private static byte[] uniqueBranch(byte[] message, int n) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        String unique = text.replaceFirst("branch=z9hG4bK(?=[^;,\\s])", "branch=z9hG4bK" + n + "x");
        return unique.getBytes(StandardCharsets.ISO_8859_1);
    }
}
