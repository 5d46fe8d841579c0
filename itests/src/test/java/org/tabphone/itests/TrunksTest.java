package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.tabphone.sip.api.auth.DigestAlgorithm;
import org.tabphone.sip.api.auth.DigestCredentials;

/**
 * SIP trunks on the wire, with bare UDP phones playing the provider on other loopback addresses
 * (127.0.0.2, 127.0.0.3 — the gateway tells providers apart by source address): registration
 * with digest, outbound calls answering the provider's 407, capacity refused and raised live,
 * inbound calls to a DID, max.inbound = 0 holding at 180, and sibling-fork collapse.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TrunksTest extends TabphoneTestSupport {
    private static final String DOMAIN = "demo.tabphone.test";
    private static final String SDP_PHONE = SipPhone.pcmuSdp(1, 40000);
    private static final String SDP_PROVIDER = "v=0\r\no=- 2 2 IN IP4 127.0.0.2\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\n"
        + "m=audio 50000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n";
    private static final String[] TRUNKS = {"acme", "acme-in", "acme-b"};

    @Before
    public void sipServiceUp() throws Exception {
        awaitSipService();
    }

    @After
    public void removeTrunks() throws Exception {
        for (String t : TRUNKS) {
            executeCommand("tabphone:trunk-remove " + t);
        }
    }

    /** An INVITE from {@code phone}; {@code from} is user@host. */
    private static String invite(SipPhone phone, String via, String ruri, String from, String to, String callId, int cseq,
                                 String extra, String sdp) {
        return "INVITE " + ruri + " SIP/2.0\r\n" + via + "\r\nMax-Forwards: 70\r\n"
            + "To: <" + to + ">\r\nFrom: <sip:" + from + ">;tag=f-" + callId + "\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " INVITE\r\nContact: <sip:" + from.replaceAll("@.*", "") + "@"
            + phone.host() + ":" + phone.port() + ">\r\n" + extra + "Content-Type: application/sdp\r\nContent-Length: "
            + sdp.length() + "\r\n\r\n" + sdp;
    }

    /** ACK or CANCEL for an INVITE (RFC 3261 §17.1.1.3, §9.1: same Request-URI, top Via, Call-ID, From, CSeq number). */
    private static String sameTransaction(String method, String invite, String toTagFrom) {
        String to = SipPhone.header(invite, "To");
        if (toTagFrom != null) {
            to = SipPhone.header(toTagFrom, "To");
        }
        String cseq = SipPhone.header(invite, "CSeq").replace("INVITE", method);
        return method + " " + SipPhone.requestUri(invite) + " SIP/2.0\r\nVia: " + SipPhone.header(invite, "Via")
            + "\r\nMax-Forwards: 70\r\nTo: " + to + "\r\nFrom: " + SipPhone.header(invite, "From") + "\r\nCall-ID: "
            + SipPhone.header(invite, "Call-ID") + "\r\nCSeq: " + cseq + "\r\nContent-Length: 0\r\n\r\n";
    }

    /** An in-dialog request built from the 200 the sender got (caller side). */
    private static String inDialog(String method, String ok, int cseq, String via) {
        String target = SipPhone.header(ok, "Contact").replaceAll("^.*<([^>]+)>.*$", "$1");
        return method + " " + target + " SIP/2.0\r\n" + via + "\r\nMax-Forwards: 70\r\nTo: " + SipPhone.header(ok, "To")
            + "\r\nFrom: " + SipPhone.header(ok, "From") + "\r\nCall-ID: " + SipPhone.header(ok, "Call-ID") + "\r\nCSeq: "
            + cseq + " " + method + "\r\nContent-Length: 0\r\n\r\n";
    }

    private String awaitTrunk(String name, String expected) throws Exception {
        String out = "";
        for (int i = 0; i < 50; i++) {
            out = executeCommand("tabphone:trunks");
            if (out.lines().anyMatch(l -> l.startsWith(name + " ") && l.contains(expected))) {
                return out;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("trunk " + name + " never showed '" + expected + "':\n" + out);
    }

    private static Object trunksMBean(String attribute) throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        return jmx.getAttribute(new ObjectName("org.tabphone:type=Trunks"), attribute);
    }

    /** The authenticated demo user 1001 dials {@code number}: 407, then the INVITE with credentials. Returns it. */
    private static String dialAs1001(SipPhone caller, String number, String callId) throws Exception {
        return dialAs1001(caller, number, callId, SDP_PHONE);
    }

    private static String dialAs1001(SipPhone caller, String number, String callId, String sdp) throws Exception {
        String ruri = "sip:" + number + "@" + DOMAIN;
        String first = invite(caller, caller.via(), ruri, "1001@" + DOMAIN, ruri, callId, 1, "", sdp);
        caller.send(first);
        String challenge = caller.expect("SIP/2.0 407", 2000);
        caller.send(sameTransaction("ACK", first, challenge));
        String auth = SipPhone.proxyAuthorization(challenge, "INVITE", "1001", "demo1001", ruri);
        String second = invite(caller, caller.via(), ruri, "1001@" + DOMAIN, ruri, callId, 2, auth, sdp);
        caller.send(second);
        return second;
    }

    @Test
    public void registersWithDigestAndCallsOutAnsweringTheProviders407() throws Exception {
        try (SipPhone provider = new SipPhone(sipPort("udp"), "127.0.0.2"); SipPhone caller = new SipPhone(sipPort("udp"))) {
            String added = executeCommand("tabphone:trunk-add acme demo 127.0.0.2 port=" + provider.port()
                + " username=acme password=s3cret register=true register.expires=60 number.country=44 max.outbound=1");
            assertTrue(added, added.contains("Trunk acme added"));

            // registration: 401, then credentials that verify against the provider's own HA1
            String reg = provider.expect("REGISTER ", 5000);
            assertEquals("sip:127.0.0.2", SipPhone.requestUri(reg));
            assertTrue(reg, SipPhone.header(reg, "To").contains("sip:acme@127.0.0.2"));
            assertTrue(reg, SipPhone.header(reg, "Contact").contains("sip:acme@"));
            provider.reply(SipPhone.response(reg, 401, "Unauthorized", "p1",
                "WWW-Authenticate: Digest realm=\"acme.example\", nonce=\"n1\", qop=\"auth\", algorithm=MD5\r\n", null));
            String reg2 = provider.expect("REGISTER ", 3000);
            assertEquals(SipPhone.header(reg, "Call-ID"), SipPhone.header(reg2, "Call-ID"));
            DigestCredentials cred = DigestCredentials.parse(SipPhone.header(reg2, "Authorization")).orElseThrow();
            assertTrue(reg2, cred.matches(DigestAlgorithm.MD5, DigestAlgorithm.MD5.ha1("acme", "acme.example", "s3cret"),
                "REGISTER"));
            provider.reply(SipPhone.response(reg2, 200, "OK", "p1",
                "Contact: " + SipPhone.header(reg2, "Contact") + ";expires=60\r\n", null));
            awaitTrunk("acme", "REGISTERED");

            // outbound: national number → E.164 toward the provider; its 407 answered with the trunk's credentials
            String callerInvite = dialAs1001(caller, "07700900123", "t-out-1");
            caller.expect("SIP/2.0 180", 2000);
            String inv = provider.expect("INVITE ", 3000);
            assertEquals("sip:+447700900123@127.0.0.2:" + provider.port(), SipPhone.requestUri(inv));
            assertTrue(inv, SipPhone.header(inv, "From").contains("sip:1001@127.0.0.2"));
            assertTrue(inv, inv.contains(" RTP/AVP ") && !inv.contains("a=ice-ufrag"));
            provider.reply(SipPhone.response(inv, 407, "Proxy Authentication Required", "p2",
                "Proxy-Authenticate: Digest realm=\"acme.example\", nonce=\"n2\", algorithm=MD5\r\n", null));
            provider.expect("ACK ", 2000);
            String inv2 = provider.expect("INVITE ", 2000);
            assertEquals(SipPhone.header(inv, "Call-ID"), SipPhone.header(inv2, "Call-ID"));
            assertEquals("2 INVITE", SipPhone.header(inv2, "CSeq"));
            assertNotEquals(SipPhone.branch(inv), SipPhone.branch(inv2));
            DigestCredentials proxyCred = DigestCredentials.parse(SipPhone.header(inv2, "Proxy-Authorization")).orElseThrow();
            assertTrue(inv2, proxyCred.matches(DigestAlgorithm.MD5, DigestAlgorithm.MD5.ha1("acme", "acme.example", "s3cret"),
                "INVITE"));
            provider.reply(SipPhone.response(inv2, 180, "Ringing", "p2", "", null));
            provider.reply(SipPhone.response(inv2, 200, "OK", "p2",
                "Contact: <sip:+447700900123@127.0.0.2:" + provider.port() + ">\r\n", SDP_PROVIDER));
            String ok = caller.expect("SIP/2.0 200", 3000);
            assertTrue("PCMA on the trunk, PCMU for the caller: transcoded", ok.contains("RTP/AVP 0"));
            provider.expect("ACK ", 2000);
            caller.send(inDialog("ACK", ok, 2, caller.via()));
            assertEquals(1, trunksMBean("OutboundLines"));

            // capacity: max.outbound = 1 is in use → 503; raised live → the next call goes out
            dialAs1001(caller, "07700900124", "t-out-2");
            caller.expect("SIP/2.0 503", 3000);
            long saved = System.nanoTime();
            executeCommand("tabphone:trunk-set acme max.outbound=2");
            awaitTrunk("acme", "-/2/-");
            long applied = (System.nanoTime() - saved) / 1_000_000;
            assertTrue("applied in " + applied + " ms", applied < 2000);
            String third = dialAs1001(caller, "07700900125", "t-out-3");
            String inv3 = provider.expect("INVITE ", 3000);
            assertTrue(inv3, SipPhone.requestUri(inv3).startsWith("sip:+447700900125@"));
            provider.reply(SipPhone.response(inv3, 486, "Busy Here", "p3", "", null));
            caller.expect("SIP/2.0 486", 3000);
            caller.send(sameTransaction("ACK", third, null));

            // the first call is still up: its BYE reaches the provider
            caller.send(inDialog("BYE", ok, 3, caller.via()));
            String bye = provider.expect("BYE ", 2000);
            provider.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            caller.expect("SIP/2.0 200", 2000);
            Thread.sleep(100);
            assertEquals(0, trunksMBean("OutboundLines"));
            assertTrue(callerInvite.contains("t-out-1"));
        }
    }

    /** Answers the REGISTER challenge-free with a short grant; returns the REGISTER. */
    private static String acceptRegister(SipPhone provider, String password, int grant) throws Exception {
        String reg = provider.expect("REGISTER ", 15000);
        while ("0".equals(SipPhone.header(reg, "Expires"))) { // the old connection's un-REGISTER
            provider.reply(SipPhone.response(reg, 200, "OK", "p1", "", null));
            reg = provider.expect("REGISTER ", 3000);
        }
        String auth = SipPhone.header(reg, "Authorization");
        if (auth == null) {
            provider.reply(SipPhone.response(reg, 401, "Unauthorized", "p1",
                "WWW-Authenticate: Digest realm=\"acme.example\", nonce=\"n" + System.nanoTime() + "\", algorithm=MD5\r\n", null));
            reg = provider.expect("REGISTER ", 3000);
            auth = SipPhone.header(reg, "Authorization");
        }
        DigestCredentials cred = DigestCredentials.parse(auth).orElseThrow();
        assertTrue("credentials made with '" + password + "': " + auth,
            cred.matches(DigestAlgorithm.MD5, DigestAlgorithm.MD5.ha1("acme", "acme.example", password), "REGISTER"));
        provider.reply(SipPhone.response(reg, 200, "OK", "p1",
            "Contact: " + SipPhone.header(reg, "Contact") + ";expires=" + grant + "\r\n", null));
        return reg;
    }

    @Test
    public void reRegistersBeforeExpiryAndUsesNewCredentialsAtOnce() throws Exception {
        try (SipPhone provider = new SipPhone(sipPort("udp"), "127.0.0.2")) {
            executeCommand("tabphone:trunk-add acme demo 127.0.0.2 port=" + provider.port()
                + " username=acme password=s3cret register=true register.expires=60");
            acceptRegister(provider, "s3cret", 12);
            long registered = System.nanoTime();
            awaitTrunk("acme", "REGISTERED");
            acceptRegister(provider, "s3cret", 12); // the refresh: 80 % of 12 s, at least 10 s
            long refreshedAfter = (System.nanoTime() - registered) / 1_000_000;
            assertTrue("refreshed after " + refreshedAfter + " ms", refreshedAfter > 9000 && refreshedAfter < 11500);

            long changed = System.nanoTime();
            executeCommand("tabphone:trunk-set acme password=n3w");
            acceptRegister(provider, "n3w", 12);
            long took = (System.nanoTime() - changed) / 1_000_000;
            assertTrue("new credentials used after " + took + " ms", took < 2000);
            awaitTrunk("acme", "REGISTERED");

            // a registrar that refuses: FAILED with the reason, and the gateway retries
            executeCommand("tabphone:trunk-set acme password=wrong");
            String reg = provider.expect("REGISTER ", 3000);
            provider.reply(SipPhone.response(reg, 401, "Unauthorized", "p1",
                "WWW-Authenticate: Digest realm=\"acme.example\", nonce=\"nx\", algorithm=MD5\r\n", null));
            String again = provider.expect("REGISTER ", 3000);
            provider.reply(SipPhone.response(again, 403, "Forbidden", "p1", "", null));
            String status = awaitTrunk("acme", "FAILED");
            assertTrue(status, status.contains("403 Forbidden (credentials refused)"));
            provider.expect("REGISTER ", 8000); // back-off: first retry after 5 s
        }
    }

    /** An RTP/AVP offer or answer with one codec on {@code socket}'s address and port. */
    private static String sdp(java.net.DatagramSocket socket, int pt, String rtpmap) {
        String ip = socket.getLocalAddress().getHostAddress();
        return "v=0\r\no=- 3 3 IN IP4 " + ip + "\r\ns=-\r\nc=IN IP4 " + ip + "\r\nt=0 0\r\n"
            + "m=audio " + socket.getLocalPort() + " RTP/AVP " + pt + "\r\na=rtpmap:" + pt + " " + rtpmap + "\r\n";
    }

    @Test
    public void raisingCapacityLiveKeepsTheRunningCallsAudio() throws Exception {
        try (SipPhone provider = new SipPhone(sipPort("udp"), "127.0.0.2"); SipPhone caller = new SipPhone(sipPort("udp"));
             java.net.DatagramSocket callerRtp = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.1", 0));
             java.net.DatagramSocket providerRtp = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.2", 0))) {
            executeCommand("tabphone:trunk-add acme demo 127.0.0.2 port=" + provider.port() + " max.total=1");
            awaitTrunk("acme", "-/-/1");
            dialAs1001(caller, "+15550100", "t-cap", sdp(callerRtp, 0, "PCMU/8000"));
            String inv = provider.expect("INVITE ", 3000);
            provider.reply(SipPhone.response(inv, 200, "OK", "p4", "Contact: <sip:p@127.0.0.2:" + provider.port() + ">\r\n",
                sdp(providerRtp, 8, "PCMA/8000")));
            String ok = caller.expect("SIP/2.0 200", 3000);
            caller.send(inDialog("ACK", ok, 2, caller.via()));
            int gatewayPort = Integer.parseInt(ok.replaceAll("(?s).*m=audio (\\d+) .*", "$1"));

            // 20 ms RTP from the caller through the gateway (PCMU → PCMA) while the limit is raised;
            // each packet's transit is timed (the sender's own jitter does not count), and none may be lost
            java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicLongArray sentAt = new java.util.concurrent.atomic.AtomicLongArray(1000);
            Thread sender = new Thread(() -> {
                byte[] p = new byte[172];
                p[0] = (byte) 0x80;
                java.util.Arrays.fill(p, 12, 172, (byte) 0xff);
                java.net.InetSocketAddress gw = new java.net.InetSocketAddress("127.0.0.1", gatewayPort);
                for (int seq = 0; sending.get() && seq < sentAt.length(); seq++) {
                    p[2] = (byte) (seq >> 8);
                    p[3] = (byte) seq;
                    int ts = seq * 160;
                    p[4] = (byte) (ts >> 24);
                    p[5] = (byte) (ts >> 16);
                    p[6] = (byte) (ts >> 8);
                    p[7] = (byte) ts;
                    p[11] = 7;
                    try {
                        sentAt.set(seq, System.nanoTime());
                        callerRtp.send(new java.net.DatagramPacket(p, p.length, gw));
                        Thread.sleep(20);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            sender.start();
            int received = 0;
            int firstSeq = -1;
            int firstIndex = 0;
            int lastIndex = -1;
            int lost = 0;
            long maxTransit = 0;
            byte[] buf = new byte[2048];
            providerRtp.setSoTimeout(1000);
            long end = System.nanoTime() + 3_000_000_000L;
            // the change runs beside the receiving loop, so the loop times the gateway, not the shell
            java.util.concurrent.CompletableFuture<String> second = new java.util.concurrent.CompletableFuture<>();
            Thread raiser = new Thread(() -> {
                try {
                    executeCommand("tabphone:trunk-set acme max.total=2");
                    awaitTrunk("acme", "-/-/2");
                    second.complete(dialAs1001(caller, "+15550101", "t-cap-2")); // the new limit takes a second call
                } catch (Throwable e) {
                    second.completeExceptionally(e);
                }
            });
            while (System.nanoTime() < end) {
                java.net.DatagramPacket pkt = new java.net.DatagramPacket(buf, buf.length);
                providerRtp.receive(pkt);
                long now = System.nanoTime();
                int seq = ((buf[2] & 0xff) << 8) | (buf[3] & 0xff);
                if (firstSeq < 0) { // the gateway renumbers with a fixed offset; the first packet is the last one sent
                    firstSeq = seq;
                    while (firstIndex + 1 < sentAt.length() && sentAt.get(firstIndex + 1) != 0
                        && sentAt.get(firstIndex + 1) <= now) {
                        firstIndex++;
                    }
                    lastIndex = firstIndex - 1;
                }
                int index = firstIndex + ((seq - firstSeq) & 0xffff);
                if (index < sentAt.length() && sentAt.get(index) > 0) {
                    maxTransit = Math.max(maxTransit, (now - sentAt.get(index)) / 1_000_000);
                }
                lost += Math.max(0, index - lastIndex - 1);
                lastIndex = Math.max(lastIndex, index);
                received++;
                if (received == 25) { // half a second of audio, then the change
                    raiser.start();
                }
            }
            sending.set(false);
            sender.join();
            raiser.join();
            System.out.println("max.total raised live during a call: " + received + " RTP packets in 3 s, " + lost
                + " lost, longest transit through the gateway " + maxTransit + " ms");
            assertTrue(received + " packets in 3 s", received > 120);
            assertEquals("RTP packets lost while the limit changed", 0, lost);
            assertTrue("an RTP packet spent " + maxTransit + " ms in the gateway", maxTransit < 100);
            String inv2 = provider.expect("INVITE ", 3000);
            assertTrue(inv2, SipPhone.requestUri(inv2).startsWith("sip:+15550101@"));
            provider.reply(SipPhone.response(inv2, 486, "Busy Here", "p5", "", null));
            caller.expect("SIP/2.0 486", 3000);
            caller.send(sameTransaction("ACK", second.get(), null));
            provider.expectNone("BYE ", 1);

            caller.send(inDialog("BYE", ok, 3, caller.via()));
            String bye = provider.expect("BYE ", 2000);
            provider.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            caller.expect("SIP/2.0 200", 2000);
        }
    }

    /** RFC 3263: a host name without a port is looked up as SRV (none for localhost here), then by its own address. */
    @Test
    public void aProviderNameResolvesOffTheIoThreads() throws Exception {
        executeCommand("tabphone:trunk-add acme demo localhost");
        String shown = awaitTrunk("acme", "calls go to");
        assertTrue(shown, shown.contains("127.0.0.1:5060") || shown.contains("0:0:0:0:0:0:0:1:5060"));
        assertTrue(shown, shown.contains("sip:localhost/udp"));
    }

    @Test
    public void anonymousCallersCannotCallOut() throws Exception {
        try (SipPhone provider = new SipPhone(sipPort("udp"), "127.0.0.2"); SipPhone office = new SipPhone(sipPort("udp"))) {
            executeCommand("tabphone:trunk-add acme demo 127.0.0.2 port=" + provider.port() + " number.country=44");
            awaitTrunk("acme", "STATIC");
            String ruri = "sip:07700900123@" + DOMAIN;
            String inv = invite(office, office.via(), ruri, "office@127.0.0.1", ruri, "t-anon", 1, "", SDP_PHONE);
            office.send(inv);
            String refused = office.expect("SIP/2.0 403", 2000);
            assertTrue(refused, refused.contains("authenticated caller"));
            provider.expectNone("INVITE ", 500);
        }
    }

    private static String fromProvider(SipPhone provider, String via, String callId, String did) {
        String ruri = "sip:" + did + "@127.0.0.1:" + sipPort("udp");
        return invite(provider, via, ruri, "+15550100@" + provider.host(), "sip:" + did + "@127.0.0.1", callId, 1, "",
            SDP_PROVIDER);
    }

    @Test
    public void inboundCallsRingTheMappedUserWithinCapacity() throws Exception {
        try (SipPhone provider = new SipPhone(sipPort("udp"), "127.0.0.2"); SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            executeCommand("tabphone:trunk-add acme-in demo 127.0.0.2 inbound.numbers=+441130000002=1002 max.inbound=1");
            awaitTrunk("acme-in", "STATIC");

            String in1 = fromProvider(provider, provider.via(), "t-in-1", "+441130000002");
            provider.send(in1);
            provider.expect("SIP/2.0 180", 2000);
            String inv = b.expect("INVITE ", 3000);
            assertTrue(inv, SipPhone.header(inv, "From").contains("+15550100"));
            assertTrue("the provider's PCMA offered to the phone as PCMU too", inv.contains("a=rtpmap:0 PCMU/8000"));
            b.reply(SipPhone.response(inv, 180, "Ringing", "b1", "", null));

            // one inbound line: a second call gets 486, no 180 first, and never rings anyone
            String in2 = fromProvider(provider, provider.via(), "t-in-2", "+441130000002");
            provider.send(in2);
            String busy = provider.expect("SIP/2.0 486", 2000);
            provider.send(sameTransaction("ACK", in2, busy));
            b.expectNone("INVITE ", 300);

            b.reply(SipPhone.response(inv, 200, "OK", "b1", "Contact: <sip:1002@127.0.0.1:" + b.port() + ">\r\n", SDP_PHONE));
            String ok = provider.expect("SIP/2.0 200", 3000);
            b.expect("ACK ", 2000);
            provider.send(inDialog("ACK", ok, 1, provider.via()));
            assertEquals(1, trunksMBean("InboundLines"));
            provider.send(inDialog("BYE", ok, 2, provider.via()));
            String bye = b.expect("BYE ", 2000);
            b.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            provider.expect("SIP/2.0 200", 2000);
            Thread.sleep(100);
            assertEquals(0, trunksMBean("InboundLines"));

            // an unknown DID: 404, nobody rings
            String in3 = fromProvider(provider, provider.via(), "t-in-3", "+449999999999");
            provider.send(in3);
            String notFound = provider.expect("SIP/2.0 404", 2000);
            provider.send(sameTransaction("ACK", in3, notFound));
            b.unregister();
        }
    }

    @Test
    public void updatingTheSipDriverKeepsCallsUpAndTheTrunkComesBack() throws Exception {
        try (SipPhone provider = new SipPhone(sipPort("udp"), "127.0.0.2"); SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            executeCommand("tabphone:trunk-add acme-in demo 127.0.0.2 inbound.numbers=+441130000002=1002");
            awaitTrunk("acme-in", "STATIC");
            provider.send(fromProvider(provider, provider.via(), "t-swap", "+441130000002"));
            String inv = b.expect("INVITE ", 3000);
            b.reply(SipPhone.response(inv, 200, "OK", "b1", "Contact: <sip:1002@127.0.0.1:" + b.port() + ">\r\n", SDP_PHONE));
            String ok = provider.expect("SIP/2.0 200", 3000);
            provider.send(inDialog("ACK", ok, 1, provider.via()));

            String updated = executeCommand("bundle:update org.tabphone.trunk.sip");
            awaitTrunk("acme-in", "STATIC"); // the new driver runs the trunk again
            assertEquals(1, trunksMBean("InboundLines"));
            b.expectNone("BYE ", 500);

            provider.send(inDialog("BYE", ok, 2, provider.via()));
            String bye = b.expect("BYE ", 2000);
            b.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            provider.expect("SIP/2.0 200", 2000);
            Thread.sleep(100);
            assertEquals(updated, 0, trunksMBean("InboundLines"));
            b.unregister();
        }
    }

    @Test
    public void maxInboundZeroHoldsAt180UntilTheProviderCancels() throws Exception {
        try (SipPhone provider = new SipPhone(sipPort("udp"), "127.0.0.2"); SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            executeCommand("tabphone:trunk-add acme-in demo 127.0.0.2 inbound.numbers=+441130000002=1002 max.inbound=0");
            awaitTrunk("acme-in", "0/-/-");
            String in = fromProvider(provider, provider.via(), "t-hold", "+441130000002");
            provider.send(in);
            provider.expect("SIP/2.0 180", 2000);
            b.expectNone("INVITE ", 1500);
            provider.expectNone("SIP/2.0", 500); // 180 and nothing else
            provider.send(sameTransaction("CANCEL", in, null));
            assertTrue(provider.expect("SIP/2.0 200", 2000).contains("CANCEL"));
            String terminated = provider.expect("SIP/2.0 487", 2000);
            provider.send(sameTransaction("ACK", in, terminated));
            assertEquals(1L, trunksMBean("Held"));
            b.unregister();
        }
    }

    @Test
    public void theSameCallViaTwoTrunksRingsOnce() throws Exception {
        try (SipPhone provider = new SipPhone(sipPort("udp"), "127.0.0.2");
             SipPhone sibling = new SipPhone(sipPort("udp"), "127.0.0.3");
             SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            executeCommand("tabphone:trunk-add acme-in demo 127.0.0.2 inbound.numbers=+441130000002=1002");
            executeCommand("tabphone:trunk-add acme-b demo 127.0.0.3 inbound.numbers=+441130000002=1002");
            awaitTrunk("acme-b", "STATIC");

            String first = fromProvider(provider, provider.via(), "t-fork", "+441130000002");
            provider.send(first);
            provider.expect("SIP/2.0 180", 2000);
            String inv = b.expect("INVITE ", 3000);
            b.reply(SipPhone.response(inv, 180, "Ringing", "b1", "", null));
            Thread.sleep(500);
            String second = fromProvider(sibling, sibling.via(), "t-fork", "+441130000002"); // same Call-ID and From tag
            sibling.send(second);
            sibling.expect("SIP/2.0 180", 2000);
            b.expectNone("INVITE ", 1500);
            sibling.send(sameTransaction("CANCEL", second, null));
            sibling.expect("SIP/2.0 200", 2000);
            String terminated = sibling.expect("SIP/2.0 487", 2000);
            sibling.send(sameTransaction("ACK", second, terminated));

            // the first still rings; its CANCEL reaches the phone
            provider.send(sameTransaction("CANCEL", first, null));
            String cancel = b.expect("CANCEL ", 2000);
            b.reply(SipPhone.response(cancel, 200, "OK", "b1", "", null));
            b.reply(SipPhone.response(inv, 487, "Request Terminated", "b1", "", null));
            provider.expect("SIP/2.0 487", 2000);
            b.unregister();
        }
    }
}
