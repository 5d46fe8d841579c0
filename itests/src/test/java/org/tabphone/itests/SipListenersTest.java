package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.tabphone.registrar.api.LocationService;

/**
 * The assembly as a SIP server on the wire: listeners from etc/org.tabphone.transport.cfg, the
 * demo tenant from etc/, digest registration, OPTIONS, malformed input.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SipListenersTest extends TabphoneTestSupport {

    @Inject
    private LocationService locations;

    @org.junit.Before
    public void sipServiceUp() throws Exception {
        awaitSipService();
    }

    @Test
    public void udpListenerAnswersAMalformedRequestWith400() throws Exception {
        try (DatagramSocket s = socket()) {
            String reply = exchange(s, request("OPTIONS", "sip:gw@127.0.0.1", "itest-1", 1, "")
                .replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE"));
            assertTrue(reply, reply.startsWith("SIP/2.0 400 "));
            assertTrue(reply, reply.contains("Call-ID: itest-1"));
        }
    }

    @Test
    public void optionsToTheGatewayIsAnswered200WithItsCapabilities() throws Exception {
        try (DatagramSocket s = socket()) {
            String reply = exchange(s, request("OPTIONS", "sip:127.0.0.1", "itest-2", 1, ""));
            assertTrue(reply, reply.startsWith("SIP/2.0 200 "));
            assertTrue(reply, reply.matches("(?s).*\r\nAllow: [^\r]*REGISTER.*"));
        }
    }

    @Test
    public void demoUserRegistersWithDigestAndAWrongPasswordIsRefused() throws Exception {
        try (DatagramSocket s = socket()) {
            String contact = "<sip:1001@127.0.0.1:" + s.getLocalPort() + ">";
            String first = exchange(s, register("reg-1", 1, contact, ""));
            assertTrue(first, first.startsWith("SIP/2.0 401 "));
            String wrong = exchange(s, register("reg-1", 2, contact, authorization(first, "not-the-password", 2)));
            assertTrue(wrong, wrong.startsWith("SIP/2.0 401 "));
            String ok = exchange(s, register("reg-1", 3, contact, authorization(wrong, "demo1001", 3)));
            assertTrue(ok, ok.startsWith("SIP/2.0 200 "));
            assertTrue(ok, ok.contains("expires="));
            assertEquals(1, locations.lookup("demo", "1001").size());

            // the operator sees it from the Karaf shell and over JMX
            String regs = executeCommand("tabphone:registrations demo");
            assertTrue(regs, regs.contains("1001") && regs.contains("UDP") && regs.contains("registration(s)"));
            String tenants = executeCommand("tabphone:tenants");
            assertTrue(tenants, tenants.contains("demo.tabphone.test") && tenants.contains("yes"));
            String users = executeCommand("tabphone:users demo");
            assertTrue(users, users.contains("Alice") && users.contains("MD5 SHA-256"));
            String flows = executeCommand("tabphone:flows");
            assertTrue(flows, flows.contains("127.0.0.1:" + s.getLocalPort()) && flows.contains("messages received"));
            javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            assertTrue((Integer) jmx.getAttribute(new javax.management.ObjectName("org.tabphone:type=Registrations"), "Count") >= 1);
            assertTrue((Long) jmx.getAttribute(new javax.management.ObjectName("org.tabphone:type=Transports"),
                "MessagesReceived") >= 3);
            String gone = exchange(s, register("reg-1", 4, contact.replace(">", ">;expires=0"), authorization(ok, "demo1001", 4)));
            assertTrue(gone, gone.startsWith("SIP/2.0 200 ") || gone.startsWith("SIP/2.0 401 "));
        }
    }

    @Test
    public void sipOverTlsIsServedWithTheConfiguredCertificate() throws Exception {
        javax.net.ssl.SSLContext trustAll = javax.net.ssl.SSLContext.getInstance("TLS");
        trustAll.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) { }
            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) { }
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) trustAll.getSocketFactory()
                .createSocket("127.0.0.1", sipPort("tls"))) {
            s.setSoTimeout(3000);
            s.getOutputStream().write(request("OPTIONS", "sip:127.0.0.1", "itest-tls", 1, "")
                .replace("SIP/2.0/UDP", "SIP/2.0/TLS").getBytes(StandardCharsets.UTF_8));
            byte[] buf = new byte[8192];
            int n = s.getInputStream().read(buf);
            String reply = new String(buf, 0, n, StandardCharsets.UTF_8);
            assertTrue(reply, reply.startsWith("SIP/2.0 200 "));
            String cn = ((java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0])
                .getSubjectX500Principal().getName();
            assertEquals("CN=demo.tabphone.test", cn);
        }
    }

    @Test
    public void rfc3261_16_optionsForARegisteredUserReachesItsContactAndTheAnswerComesBack() throws Exception {
        try (DatagramSocket phone = socket(); DatagramSocket caller = socket()) {
            String contact = "<sip:1002@192.0.2.99:5060>"; // unreachable: the gateway must use the REGISTER's source
            String c1 = exchange(phone, register2("reg-2", 1, contact, ""));
            String ok = exchange(phone, register2("reg-2", 2, contact, authorization(c1, "1002", "demo1002", 1)));
            assertTrue(ok, ok.startsWith("SIP/2.0 200 "));

            String options = request("OPTIONS", "sip:1002@demo.tabphone.test", "opt-relay", 1, "")
                .replace("<sip:gw@127.0.0.1>", "<sip:1002@demo.tabphone.test>");
            byte[] out = options.getBytes(StandardCharsets.UTF_8);
            caller.send(new DatagramPacket(out, out.length, new InetSocketAddress("127.0.0.1", sipPort("udp"))));

            byte[] buf = new byte[65536];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            phone.receive(in);
            String relayed = new String(buf, 0, in.getLength(), StandardCharsets.UTF_8);
            assertTrue(relayed, relayed.startsWith("OPTIONS sip:1002@192.0.2.99:5060 SIP/2.0"));
            assertTrue(relayed, relayed.contains("Max-Forwards: 69"));
            // answer as the phone: a 200 with every Via, From, To, Call-ID, CSeq copied
            StringBuilder answer = new StringBuilder("SIP/2.0 200 OK\r\n");
            for (String line : relayed.split("\r\n")) {
                if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("Call-ID:")
                        || line.startsWith("CSeq:")) {
                    answer.append(line).append("\r\n");
                } else if (line.startsWith("To:")) {
                    answer.append(line).append(";tag=phone\r\n");
                }
            }
            answer.append("Content-Length: 0\r\n\r\n");
            byte[] a = answer.toString().getBytes(StandardCharsets.UTF_8);
            phone.send(new DatagramPacket(a, a.length, in.getSocketAddress()));

            caller.setSoTimeout(3000);
            DatagramPacket back = new DatagramPacket(buf, buf.length);
            caller.receive(back);
            String reply = new String(buf, 0, back.getLength(), StandardCharsets.UTF_8);
            assertTrue(reply, reply.startsWith("SIP/2.0 200 "));
            assertTrue(reply, reply.contains("tag=phone"));
            assertTrue("our Via was removed: " + reply, reply.split("\r\nVia: ", -1).length == 2);

            String unknown = exchange(caller, request("OPTIONS", "sip:4711@demo.tabphone.test", "opt-404", 1, ""));
            assertTrue(unknown, unknown.startsWith("SIP/2.0 404 "));
            String offline = exchange(caller, request("OPTIONS", "sip:1004@demo.tabphone.test", "opt-480", 1, ""));
            assertTrue(offline, offline.startsWith("SIP/2.0 480 "));
        }
    }

    private static String register2(String callId, int cseq, String contact, String authorization) {
        return request("REGISTER", "sip:demo.tabphone.test", callId, cseq, "Contact: " + contact + "\r\n" + authorization)
            .replace("<sip:gw@127.0.0.1>", "<sip:1002@demo.tabphone.test>");
    }

    private static String register(String callId, int cseq, String contact, String authorization) {
        return request("REGISTER", "sip:demo.tabphone.test", callId, cseq,
            "Contact: " + contact + "\r\n" + authorization).replace("<sip:gw@127.0.0.1>", "<sip:1001@demo.tabphone.test>");
    }

    private static String request(String method, String uri, String callId, int cseq, String extra) {
        return method + " " + uri + " SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:9;rport;branch=z9hG4bK-" + callId + "-" + cseq + "\r\n"
            + "Max-Forwards: 70\r\nTo: <sip:gw@127.0.0.1>\r\nFrom: <sip:gw@127.0.0.1>;tag=it" + cseq + "\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\n" + extra
            + "Content-Length: 0\r\n\r\n";
    }

    private static String authorization(String challenge, String password, int nc) {
        return authorization(challenge, "1001", password, nc);
    }

    /** Answers the MD5 challenge of a 401 (offered after SHA-256 by default). */
    private static String authorization(String challenge, String user, String password, int nc) {
        return SipPhone.authorization(challenge, user, password, "sip:demo.tabphone.test", nc);
    }

    private static DatagramSocket socket() throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        s.setSoTimeout(3000);
        return s;
    }

    /** Sends a request and returns the first final response (skipping 1xx). */
    private static String exchange(DatagramSocket s, String request) throws Exception {
        byte[] out = request.getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(out, out.length, new InetSocketAddress("127.0.0.1", sipPort("udp"))));
        byte[] buf = new byte[65536];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer to:\n" + request);
            }
            String reply = new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
            assertNotNull(reply);
            if (!reply.startsWith("SIP/2.0 1")) {
                return reply;
            }
        }
    }
}
