package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.ObjectName;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 12 fault: Config Admin gets an invalid value, live ({@code config:property-set}). For the
 * media port range, a tenant's call limit and the SIP listener ports: the value is rejected with
 * exactly one ERROR line in karaf.log that names the key, the component goes on working with the
 * value it had (checked on the wire, and in the shell or JMX), and a valid value afterwards is
 * taken again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigFaultsTest extends TabphoneTestSupport {
    private static final String DOMAIN = "demo.tabphone.test";
    private static final String MEDIA = "org.tabphone.media";
    private static final String TRANSPORT = "org.tabphone.transport";
    private static final Pattern M_AUDIO = Pattern.compile("(?m)^m=audio (\\d+) RTP/AVP ");
    private static final String SDP = SipPhone.pcmuSdp(1, 40000);

    @Before
    public void sipServiceUp() throws Exception {
        awaitSipService();
    }

    @Test
    public void mediaRejectsAnInvertedPortRangeAndKeepsItsOwn() throws Exception {
        assertEquals("the shipped range 20000-29999 holds 5000 RTP/RTCP pairs", 5000, portPairs());
        try {
            rejected(MEDIA, "port.max", "10000", this::assertMediaKeepsItsRange);
            long mark = logMark();
            executeCommand("config:property-set -p " + MEDIA + " port.max 29999"); // a valid value is taken again
            awaitLog(mark, "org.tabphone.media applied: ports 20000-29999");
        } finally {
            executeCommand("config:property-set -p " + MEDIA + " port.max 29999");
        }
    }

    @Test
    public void aTenantRejectsANegativeCallLimitAndKeepsTheOldOne() throws Exception {
        String pid = demoTenantPid();
        long mark = logMark();
        executeCommand("config:property-set -p " + pid + " max.calls 1");
        awaitLog(mark, "tenant demo updated");
        try {
            String tenantsBefore = executeCommand("tabphone:tenants");
            String error = rejected(pid, "max.calls", "-5", this::assertTenantCallLimitIsOne);
            assertTrue(error, error.contains("demo"));
            assertEquals("tabphone:tenants unchanged", tenantsBefore, executeCommand("tabphone:tenants"));
        } finally {
            mark = logMark();
            executeCommand("config:property-set -p " + pid + " max.calls 1000");
            awaitLog(mark, "tenant demo updated"); // a valid value is taken again
        }
    }

    @Test
    public void theTransportRejectsABadPortOrPathAndKeepsListeningOnItsOwn() throws Exception {
        int udp = sipPort("udp");
        try {
            rejected(TRANSPORT, "udp.port", "70000", this::assertTransportServes);
            executeCommand("config:property-set -p " + TRANSPORT + " udp.port " + udp);
            rejected(TRANSPORT, "ws.path", "no-slash", this::assertTransportServes);
            executeCommand("config:property-set -p " + TRANSPORT + " ws.path /ws");
            Thread.sleep(300);
            assertTransportServes();
        } finally {
            executeCommand("config:property-set -p " + TRANSPORT + " udp.port " + udp);
            executeCommand("config:property-set -p " + TRANSPORT + " ws.path /ws");
        }
    }

    /**
     * A typo that is not a number where a number belongs ({@code port.min = abc}): Config Admin
     * stores the string, and the component must reject it like any other bad value — one clear
     * line naming the key, old value kept. Each of the three is checked before any is asserted.
     */
    @Test
    public void notANumberIsRejectedWithOneLineNamingTheKey() throws Exception {
        String pid = demoTenantPid();
        int udp = sipPort("udp");
        long mark = logMark();
        executeCommand("config:property-set -p " + pid + " max.calls 1");
        awaitLog(mark, "tenant demo updated");
        List<String> problems = new java.util.ArrayList<>();
        try {
            for (String[] bad : new String[][] {{MEDIA, "port.min", "abc"}, {TRANSPORT, "udp.port", "five"},
                    {pid, "max.calls", "many"}}) {
                Check stillWorks = bad[0].equals(MEDIA) ? this::assertMediaKeepsItsRange
                    : bad[0].equals(TRANSPORT) ? this::assertTransportServes : this::assertTenantCallLimitIsOne;
                try {
                    rejected(bad[0], bad[1], bad[2], stillWorks);
                } catch (AssertionError e) {
                    String first = e.getMessage().lines().limit(3).reduce("", (x, y) -> x + y + " / ");
                    System.out.println("fault: " + bad[1] + " = " + bad[2] + " FAILED: " + first);
                    problems.add(bad[1] + " = " + bad[2] + ": " + e.getMessage());
                }
                executeCommand("config:property-set -p " + bad[0] + " " + bad[1] + " "
                    + (bad[1].equals("port.min") ? "20000" : bad[1].equals("udp.port") ? Integer.toString(udp) : "1"));
                Thread.sleep(300);
            }
        } finally {
            executeCommand("config:property-set -p " + MEDIA + " port.min 20000");
            executeCommand("config:property-set -p " + TRANSPORT + " udp.port " + udp);
            executeCommand("config:property-set -p " + pid + " max.calls 1000");
        }
        assertTrue(String.join("\n\n", problems), problems.isEmpty());
    }

    // ---------------------------------------------------------------------------------------------

    private interface Check {
        void run() throws Exception;
    }

    /**
     * Sets {@code key = value} in {@code pid} live, waits for an ERROR line, runs {@code stillWorks}
     * (the old value in force), then asserts exactly one ERROR line, naming the key, and no stack
     * trace. Returns that line's message.
     */
    private String rejected(String pid, String key, String value, Check stillWorks) throws Exception {
        long mark = logMark();
        executeCommand("config:property-set -p " + pid + " " + key + " " + value);
        for (int i = 0; i < 60 && errorLines(logSince(mark)).isEmpty(); i++) {
            Thread.sleep(50);
        }
        Thread.sleep(300); // anything else the change sets off
        stillWorks.run();
        String since = logSince(mark);
        List<String> errors = errorLines(since);
        assertEquals("exactly one ERROR line for " + key + " = " + value + ":\n" + since, 1, errors.size());
        String message = errors.get(0).replaceAll("^.*\\| ", "");
        assertTrue("the ERROR line names " + key + ": " + message, message.contains(key));
        assertTrue("no stack trace:\n" + since, !since.contains("\tat ") && !since.contains("Exception"));
        System.out.println("fault: " + pid + " " + key + " = " + value + " rejected, old value kept → " + message);
        return message;
    }

    /** The media port range is still 20000-29999: the pair count (JMX), tabphone:media, and a new call's ports. */
    private void assertMediaKeepsItsRange() throws Exception {
        assertEquals("RTP port pairs", 5000, portPairs());
        String media = executeCommand("tabphone:media");
        assertTrue(media, media.contains("ports 0 in use, 10000 free"));
        for (int port : callMediaPorts("cfg-media-" + System.nanoTime())) {
            assertTrue("a new call still gets a port of 20000-29999: " + port, port >= 20000 && port <= 29999);
        }
    }

    /** Still served on the old UDP port (OPTIONS, a REGISTER with digest) and WebSocket path /ws. */
    private void assertTransportServes() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            assertEquals("OPTIONS on udp " + sipPort("udp"), 200, udpFinalStatus(s, options(s.getLocalPort())));
        }
        try (SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            b.unregister();
        }
        assertEquals("a WebSocket upgrade on /ws", "HTTP/1.1 101", wsUpgrade("/ws"));
    }

    /** Tenant demo's max.calls is still 1: one call rings, a second one gets 503 and never rings. */
    private void assertTenantCallLimitIsOne() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            String id = "cfg-tenant-" + System.nanoTime();
            String first = invite(a, id + "-1");
            a.send(first);
            String inv = b.expect("INVITE ", 3000);
            b.reply(SipPhone.response(inv, 180, "Ringing", "ct", "", null));
            a.send(invite(a, id + "-2"));
            String refused = a.expect("SIP/2.0 503", 2000);
            assertTrue(refused, refused.contains("Tenant call limit reached"));
            a.send(ack(refused));
            b.expectNone("INVITE ", 300);
            a.send(first.replaceFirst("^INVITE", "CANCEL").replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL")
                .replaceAll("Content-Type: application/sdp\r\nContent-Length: \\d+\r\n\r\n(?s).*", "Content-Length: 0\r\n\r\n"));
            String cancel = b.expect("CANCEL ", 2000);
            b.reply(SipPhone.response(cancel, 200, "OK", "ct", "", null));
            b.reply(SipPhone.response(inv, 487, "Request Terminated", "ct", "", null));
            a.send(ack(a.expect("SIP/2.0 487", 2000)));
            b.unregister();
        }
    }

    /** Free plus in-use RTP port pairs of the running media configuration (JMX). */
    private static int portPairs() throws Exception {
        ObjectName media = new ObjectName("org.tabphone:type=Media");
        return (Integer) ManagementFactory.getPlatformMBeanServer().getAttribute(media, "PortPairsFree")
            + (Integer) ManagementFactory.getPlatformMBeanServer().getAttribute(media, "PortPairsInUse");
    }

    /** A call from a desk phone to 1002, answered and hung up; returns the gateway's media ports toward A and B. */
    private int[] callMediaPorts(String callId) throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            a.send(invite(a, callId));
            String inv = b.expect("INVITE ", 3000);
            b.reply(SipPhone.response(inv, 200, "OK", "cm", "Contact: <sip:1002@127.0.0.1:" + b.port() + ">\r\n",
                SDP.replace("40000", "50000")));
            String ok = a.expect("SIP/2.0 200", 3000);
            b.expect("ACK ", 2000);
            String target = SipPhone.header(ok, "Contact").replaceAll("^.*<([^>]+)>.*$", "$1");
            String dialog = "To: " + SipPhone.header(ok, "To") + "\r\nFrom: " + SipPhone.header(ok, "From") + "\r\nCall-ID: "
                + callId + "\r\n";
            a.send("ACK " + target + " SIP/2.0\r\n" + a.via() + "\r\nMax-Forwards: 70\r\n" + dialog
                + "CSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n");
            a.send("BYE " + target + " SIP/2.0\r\n" + a.via() + "\r\nMax-Forwards: 70\r\n" + dialog
                + "CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n");
            b.reply(SipPhone.response(b.expect("BYE ", 2000), 200, "OK", null, "", null));
            a.expect("SIP/2.0 200", 2000);
            b.unregister();
            return new int[] {audioPort(ok), audioPort(inv)};
        }
    }

    private static int audioPort(String message) {
        Matcher m = M_AUDIO.matcher(message);
        assertTrue("no RTP/AVP audio line in: " + message, m.find());
        return Integer.parseInt(m.group(1));
    }

    private static String invite(SipPhone a, String callId) {
        return "INVITE sip:1002@" + DOMAIN + " SIP/2.0\r\n" + a.via() + "\r\nMax-Forwards: 70\r\n"
            + "To: <sip:1002@" + DOMAIN + ">\r\nFrom: <sip:office@127.0.0.1>;tag=a-" + callId + "\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:office@127.0.0.1:" + a.port() + ">\r\n"
            + "Content-Type: application/sdp\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP;
    }

    /** The ACK for a non-2xx final response to an INVITE (RFC 3261 §17.1.1.3). */
    private static String ack(String response) {
        return "ACK sip:1002@" + DOMAIN + " SIP/2.0\r\nVia: " + SipPhone.header(response, "Via") + "\r\nMax-Forwards: 70\r\n"
            + "To: " + SipPhone.header(response, "To") + "\r\nFrom: " + SipPhone.header(response, "From") + "\r\n"
            + "Call-ID: " + SipPhone.header(response, "Call-ID") + "\r\nCSeq: "
            + SipPhone.header(response, "CSeq").split(" ")[0] + " ACK\r\nContent-Length: 0\r\n\r\n";
    }

    /** The status line the WS listener answers a SIP WebSocket upgrade on {@code path} with. */
    private static String wsUpgrade(String path) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", sipPort("ws"))) {
            s.setSoTimeout(2000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: sip\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[12];
            int n = s.getInputStream().readNBytes(buf, 0, 12);
            return new String(buf, 0, n, StandardCharsets.US_ASCII);
        }
    }

    private static byte[] options(int port) {
        return ("OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + port + ";rport;branch=z9hG4bK-cfg" + System.nanoTime()
            + "\r\nMax-Forwards: 70\r\nTo: <sip:127.0.0.1>\r\nFrom: <sip:t@127.0.0.1>;tag=c\r\nCall-ID: cfg-" + System.nanoTime()
            + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private String demoTenantPid() throws Exception {
        String list = executeCommand("config:list '(&(service.factoryPid=org.tabphone.tenant)(name=demo))'");
        Matcher m = Pattern.compile("(?m)^Pid:\\s+(\\S+)").matcher(list);
        assertTrue(list, m.find());
        return m.group(1);
    }

    // ---------------------------------------------------------------------------------------------
    // karaf.log
    // ---------------------------------------------------------------------------------------------

    private static Path karafLog() {
        return Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
    }

    private static long logMark() throws IOException {
        return Files.isRegularFile(karafLog()) ? Files.size(karafLog()) : 0;
    }

    private static String logSince(long mark) throws IOException {
        byte[] all = Files.readAllBytes(karafLog());
        return new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark),
            StandardCharsets.UTF_8);
    }

    private static void awaitLog(long mark, String text) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (logSince(mark).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        fail("no '" + text + "' in karaf.log:\n" + logSince(mark));
    }

    private static List<String> errorLines(String log) {
        return log.lines().filter(l -> l.contains("| ERROR |")).toList();
    }
}
