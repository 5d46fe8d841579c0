package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.tabphone.cdr.api.CdrRecord;

/**
 * Attended transfer with Replaces (RFC 3891, RFC 5589 §7) on the wire, bare UDP phones: (1) the
 * office phone talks to Bob (call 1) and to Carol (call 2) and REFERs Bob to Carol with Replaces
 * naming its own leg of call 2 (Bob on hold meanwhile): Bob and Carol are joined in place, each
 * keeping the gateway media port of its own call (RTP both ways), Bob taken off hold by a
 * re-INVITE on that port and Carol not re-INVITEd at all, the office phone's legs are released;
 * (2) the receptionist flow — the transferor was called by one party and calls the other — joins
 * them in place the same way, and so does one called in both calls; (3) calls whose media can't be joined in place move both parties by
 * re-INVITEs instead; (4) a UA that sends an INVITE with Replaces for the caller's leg of a call
 * takes that leg over (RFC 3891 §3), with 481 and 486 where the RFC says.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AttendedTransferTest extends TabphoneTestSupport {
    private static final String DOMAIN = "demo.tabphone.test";
    private static final String SDP_A = SipPhone.pcmuSdp(1, 40000);
    private static final String SDP_N = SipPhone.pcmuSdp(4, 44000);
    private static final String SDP_B = SipPhone.pcmuSdp(2, 50000);
    private static final String SDP_C = SipPhone.pcmuSdp(3, 52000);

    @Before
    public void sipServiceUp() throws Exception {
        awaitSipService();
    }

    private static String invite(SipPhone a, String to, String callId, String from, String sdp, String extra) {
        return "INVITE sip:" + to + "@" + DOMAIN + " SIP/2.0\r\n" + a.via() + "\r\nMax-Forwards: 70\r\n"
            + "To: <sip:" + to + "@" + DOMAIN + ">\r\nFrom: \"Office\" <sip:" + from + ">;tag=a-" + callId + "\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:office@127.0.0.1:" + a.port() + ">\r\n" + extra
            + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private static String callerRequest(SipPhone a, String method, int cseq, String ok, String extra) {
        String target = SipPhone.header(ok, "Contact").replaceAll("^.*<([^>]+)>.*$", "$1");
        return method + " " + target + " SIP/2.0\r\n" + a.via() + "\r\nMax-Forwards: 70\r\n"
            + "To: " + SipPhone.header(ok, "To") + "\r\nFrom: " + SipPhone.header(ok, "From") + "\r\n"
            + "Call-ID: " + SipPhone.header(ok, "Call-ID") + "\r\nCSeq: " + cseq + " " + method + "\r\n"
            + "Contact: <sip:office@127.0.0.1:" + a.port() + ">\r\n" + extra + "Content-Length: 0\r\n\r\n";
    }

    private static String calleeRequest(SipPhone p, String method, int cseq, String inv, String tag) {
        String gw = SipPhone.header(inv, "Contact").replaceAll("^.*<([^>]+)>.*$", "$1");
        return method + " " + gw + " SIP/2.0\r\n" + p.via() + "\r\nMax-Forwards: 70\r\n"
            + "From: " + SipPhone.header(inv, "To") + ";tag=" + tag + "\r\nTo: " + SipPhone.header(inv, "From") + "\r\n"
            + "Call-ID: " + SipPhone.header(inv, "Call-ID") + "\r\nCSeq: " + cseq + " " + method + "\r\n"
            + "Content-Length: 0\r\n\r\n";
    }

    /** An in-dialog request from the callee {@code p} of {@code inv} (its tag {@code tag}), with headers and an optional SDP. */
    private static String calleeRequest(SipPhone p, String method, int cseq, String inv, String tag, String extra, String sdp) {
        String body = sdp == null ? "" : sdp;
        return calleeRequest(p, method, cseq, inv, tag).replace("Content-Length: 0\r\n\r\n",
            "Contact: <sip:x@127.0.0.1:" + p.port() + ">\r\n" + extra
                + (sdp == null ? "" : "Content-Type: application/sdp\r\n") + "Content-Length: " + body.length() + "\r\n\r\n" + body);
    }

    /**
     * A call both ends answered, as they see it: the INVITE the callee got, the 200 the caller got,
     * and the tag the callee answered with.
     */
    private record Answered(String invite, String ok, String calleeTag) {
        /** Replaces (RFC 3891 §6.1) naming the gateway's leg toward the caller: its Call-ID, the gateway's tag, the caller's. */
        String callerLeg() {
            return SipPhone.header(ok, "Call-ID") + ";to-tag=" + SipPhone.tag(SipPhone.header(ok, "To")) + ";from-tag="
                + SipPhone.tag(SipPhone.header(ok, "From"));
        }

        /** Replaces naming the gateway's leg toward the callee: the leg's Call-ID, the gateway's tag (From there), the callee's. */
        String calleeLeg() {
            return SipPhone.header(invite, "Call-ID") + ";to-tag=" + SipPhone.tag(SipPhone.header(invite, "From"))
                + ";from-tag=" + calleeTag;
        }
    }

    /** A Replaces value escaped for a Refer-To URI header (RFC 3891 §7.1). */
    private static String escaped(String replaces) {
        return replaces.replace("@", "%40").replace(";", "%3B").replace("=", "%3D");
    }

    /**
     * {@code bob}, registered as {@code user}, calls 1003 on {@code carol} with the digest challenge
     * answered (RFC 3261 §22.3), offering {@code sdp}; Carol answers {@code answer} (tag "carol").
     */
    private static Answered callAs(SipPhone bob, String user, SipPhone carol, String callId, String sdp, String answer)
        throws Exception {
        bob.send(invite(bob, "1003", callId, user + "@" + DOMAIN, sdp, ""));
        String challenge = bob.expect("SIP/2.0 407", 2000);
        bob.send(ack(challenge, "1003"));
        String auth = SipPhone.proxyAuthorization(challenge, "INVITE", user, "demo" + user, "sip:1003@" + DOMAIN);
        bob.send(invite(bob, "1003", callId, user + "@" + DOMAIN, sdp, auth).replace("CSeq: 1 INVITE", "CSeq: 2 INVITE"));
        String inv = carol.expect("INVITE ", 3000);
        carol.reply(SipPhone.response(inv, 200, "OK", "carol", "Contact: <sip:1003@127.0.0.1:" + carol.port() + ">\r\n", answer));
        String ok = bob.expect("SIP/2.0 200", 3000);
        carol.expect("ACK ", 2000);
        bob.send(callerRequest(bob, "ACK", 2, ok, ""));
        return new Answered(inv, ok, "carol");
    }

    /**
     * The callee {@code bob} of {@code one} REFERs (CSeq {@code cseq}) to Carol with Replaces naming
     * its leg of call {@code two} (which it placed): 202, NOTIFY 100 and 200 in call 1's dialog.
     */
    private static void referWithReplaces(SipPhone bob, Answered one, Answered two, int cseq) throws Exception {
        bob.send(calleeRequest(bob, "REFER", cseq, one.invite(), "bob",
            "Refer-To: <sip:1003@" + DOMAIN + "?Replaces=" + escaped(two.callerLeg()) + ">\r\n", null));
        bob.expect("SIP/2.0 202", 2000);
        String trying = bob.expect("NOTIFY ", 2000);
        assertEquals(SipPhone.header(one.invite(), "Call-ID"), SipPhone.header(trying, "Call-ID"));
        assertEquals("SIP/2.0 100 Trying", sipfrag(trying));
        bob.reply(SipPhone.response(trying, 200, "OK", null, "", null));
        String done = bob.expect("NOTIFY ", 4000);
        assertEquals("SIP/2.0 200 OK", sipfrag(done));
        bob.reply(SipPhone.response(done, 200, "OK", null, "", null));
    }

    /** The gateway releases both of the transferor's legs (it didn't hang up itself): a BYE in each call. */
    private static void bothLegsReleased(SipPhone bob, Answered one, Answered two) throws Exception {
        bothLegsReleased(bob, SipPhone.header(one.invite(), "Call-ID"), SipPhone.header(two.ok(), "Call-ID"));
    }

    private static void bothLegsReleased(SipPhone bob, String callId1, String callId2) throws Exception {
        java.util.Set<String> ended = new java.util.HashSet<>();
        for (int i = 0; i < 2; i++) {
            String bye = bob.expect("BYE ", 4000);
            ended.add(SipPhone.header(bye, "Call-ID"));
            bob.reply(SipPhone.response(bye, 200, "OK", null, "", null));
        }
        assertEquals(java.util.Set.of(callId1, callId2), ended);
    }

    /** The ACK for a non-2xx final response to an INVITE sent to {@code to} (RFC 3261 §17.1.1.3). */
    private static String ack(String response, String to) {
        return "ACK sip:" + to + "@" + DOMAIN + " SIP/2.0\r\nVia: " + SipPhone.header(response, "Via") + "\r\nMax-Forwards: 70\r\n"
            + "To: " + SipPhone.header(response, "To") + "\r\nFrom: " + SipPhone.header(response, "From") + "\r\n"
            + "Call-ID: " + SipPhone.header(response, "Call-ID") + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
    }

    /** {@code a} (as {@code from}, offering SDP_A) calls {@code user} on {@code callee}, which answers with {@code tag} and {@code sdp}. */
    private static Answered call(SipPhone a, SipPhone callee, String user, String callId, String from, String tag,
                                 String sdp) throws Exception {
        return call(a, SDP_A, callee, user, callId, from, tag, sdp);
    }

    /** The same with {@code offer} as the caller's SDP. */
    private static Answered call(SipPhone a, String offer, SipPhone callee, String user, String callId, String from, String tag,
                                 String sdp) throws Exception {
        a.send(invite(a, user, callId, from, offer, ""));
        a.expect("SIP/2.0 180", 2000);
        String inv = callee.expect("INVITE ", 3000);
        callee.reply(SipPhone.response(inv, 200, "OK", tag, "Contact: <sip:" + user + "@127.0.0.1:" + callee.port() + ">\r\n",
            sdp));
        String ok = a.expect("SIP/2.0 200", 3000);
        callee.expect("ACK ", 2000);
        a.send(callerRequest(a, "ACK", 1, ok, ""));
        return new Answered(inv, ok, tag);
    }

    /** A party re-INVITEd in its dialog {@code inv} (tag {@code tag}) onto a gateway port: answered with {@code sdp}. */
    private static String moved(SipPhone p, String inv, String tag, String sdp) throws Exception {
        String reinvite = p.expect("INVITE ", 3000);
        assertEquals(SipPhone.header(inv, "Call-ID"), SipPhone.header(reinvite, "Call-ID"));
        assertEquals(tag, SipPhone.tag(SipPhone.header(reinvite, "To")));
        assertTrue(reinvite, reinvite.matches("(?s).*m=audio 2\\d{4} RTP/AVP 0.*"));
        assertNotEquals("a new gateway port", mediaPort(inv), mediaPort(reinvite));
        p.reply(SipPhone.response(reinvite, 200, "OK", null, "Contact: <sip:x@127.0.0.1:" + p.port() + ">\r\n", sdp));
        p.expect("ACK ", 2000);
        return reinvite;
    }

    private static String sipfrag(String notify) {
        return notify.substring(notify.indexOf("\r\n\r\n") + 4).trim();
    }

    @Test
    public void rfc5589_7_referWithReplacesOfTheTransferorsOtherCall_joinsTheTwoPartiesItLeaves_withoutReinvites() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone bob = new SipPhone(sipPort("udp"));
             SipPhone carol = new SipPhone(sipPort("udp")); SipPhone n = new SipPhone(sipPort("udp"))) {
            bob.register("1002", "demo1002", DOMAIN);
            carol.register("1003", "demo1003", DOMAIN);
            Answered one = call(a, bob, "1002", "att-1", "att@127.0.0.1", "bob", SDP_B);
            // the office phone holds Bob (re-INVITE a=sendonly, relayed; Bob answers recvonly), then calls Carol
            String heldSdp = SDP_A + "a=sendonly\r\n";
            a.send(callerRequest(a, "INVITE", 2, one.ok(), "Content-Type: application/sdp\r\n")
                .replace("Content-Length: 0\r\n\r\n", "Content-Length: " + heldSdp.length() + "\r\n\r\n" + heldSdp));
            String hold = bob.expect("INVITE ", 2000);
            assertTrue(hold, hold.contains("a=sendonly"));
            bob.reply(SipPhone.response(hold, 200, "OK", null, "Contact: <sip:1002@127.0.0.1:" + bob.port() + ">\r\n",
                SDP_B + "a=recvonly\r\n"));
            bob.expect("ACK ", 2000);
            a.expect("SIP/2.0 200", 2000);
            a.send(callerRequest(a, "ACK", 2, one.ok(), ""));
            Answered two = call(a, carol, "1003", "att-2", "att@127.0.0.1", "carol", SDP_C);
            // call 2 as the office phone sees it: its Call-ID, the gateway's tag (To), its own tag (From)
            a.send(callerRequest(a, "REFER", 3, one.ok(), "Refer-To: <sip:1003@" + DOMAIN + "?Replaces="
                + escaped(two.callerLeg()) + ">\r\n"));
            a.expect("SIP/2.0 202", 2000);
            String trying = a.expect("NOTIFY ", 2000);
            assertEquals("att-1", SipPhone.header(trying, "Call-ID"));
            assertEquals("SIP/2.0 100 Trying", sipfrag(trying));
            a.reply(SipPhone.response(trying, 200, "OK", null, "", null));

            // joined in place: nobody's media moves (a browser could not move its DTLS association);
            // Bob, whom the office phone held, is taken off hold on the port he always used
            String done = a.expect("NOTIFY ", 3000);
            assertEquals("att-1", SipPhone.header(done, "Call-ID"));
            assertEquals("SIP/2.0 200 OK", sipfrag(done));
            a.reply(SipPhone.response(done, 200, "OK", null, "", null));
            String resume = bob.expect("INVITE ", 2000);
            assertEquals(SipPhone.header(one.invite(), "Call-ID"), SipPhone.header(resume, "Call-ID"));
            assertTrue(resume, !resume.contains("a=sendonly") && !resume.contains("a=recvonly") && !resume.contains("a=inactive"));
            assertEquals("the port Bob always used", mediaPort(one.invite()), mediaPort(resume));
            bob.reply(SipPhone.response(resume, 200, "OK", null, "Contact: <sip:1002@127.0.0.1:" + bob.port() + ">\r\n", SDP_B));
            bob.expect("ACK ", 2000);
            bob.expectNone("INVITE ", 300);
            carol.expectNone("INVITE ", 10);
            assertTrue(executeCommand("tabphone:calls").contains("1 live"));
            // RTP both ways between Bob and Carol, each on the gateway port it was given for its own call
            try (DatagramSocket bobRtp = new DatagramSocket(50000, InetAddress.getLoopbackAddress());
                 DatagramSocket carolRtp = new DatagramSocket(52000, InetAddress.getLoopbackAddress())) {
                assertEquals("Bob's packet reaches Carol", 0x42, SipPhone.relayRtp(bobRtp, mediaPort(one.invite()), carolRtp, (byte) 0x42));
                assertEquals("Carol's packet reaches Bob", 0x43, SipPhone.relayRtp(carolRtp, mediaPort(two.invite()), bobRtp, (byte) 0x43));
            }

            // RFC 3891 §3: the office phone's leg of call 1 is over: replacing it now is declined
            n.send(invite(n, "1002", "att-n", "n@127.0.0.1", SDP_N, "Replaces: " + one.callerLeg() + "\r\n"));
            n.send(ack(n.expect("SIP/2.0 603", 2000), "1002"));

            // the office phone hangs up both: each BYE answered, nothing reaches Bob or Carol
            a.send(callerRequest(a, "BYE", 4, one.ok(), ""));
            a.expect("SIP/2.0 200", 2000);
            a.send(callerRequest(a, "BYE", 2, two.ok(), ""));
            a.expect("SIP/2.0 200", 2000);
            bob.expectNone("BYE ", 300);
            carol.expectNone("BYE ", 10);

            // Carol hangs up: the BYE reaches Bob
            carol.send(calleeRequest(carol, "BYE", 1, two.invite(), "carol"));
            carol.expect("SIP/2.0 200", 2000);
            String bye = bob.expect("BYE ", 2000);
            assertEquals(SipPhone.header(one.invite(), "Call-ID"), SipPhone.header(bye, "Call-ID"));
            bob.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            assertTrue(executeCommand("tabphone:calls").contains("0 live"));
            bob.unregister();
            carol.unregister();
        }
        // the office phone's two segments end in the transfer; Bob talks to Carol in call 1's next one
        List<CdrRecord> office = records("att@", 2);
        assertTrue(office.toString(), office.stream().allMatch(r -> r.endedBy().equals("transfer") && r.cause() == 200));
        CdrRecord joined = records("sip:1002@" + DOMAIN, 1).get(0);
        assertEquals("sip:1003@" + DOMAIN, joined.callee());
        assertEquals("callee", joined.endedBy());
        assertTrue(office.stream().anyMatch(r -> r.call().equals(joined.call()) && r.callee().startsWith("sip:1002@")));
    }

    /**
     * The receptionist flow: an office phone calls Bob (here user 1004), Bob holds it, calls Carol (1003)
     * and REFERs from his leg of the first call with Replaces naming his leg of the second. The
     * caller and Carol are joined in place (each keeps its gateway port; the caller, held, gets
     * the one re-INVITE that takes it off hold, Carol none), Bob's two legs get BYE.
     */
    @Test
    public void rfc5589_7_theTransferorCalledByOnePartyAndCallingTheOther_joinsThemInPlace() throws Exception {
        try (SipPhone alice = new SipPhone(sipPort("udp")); SipPhone bob = new SipPhone(sipPort("udp"));
             SipPhone carol = new SipPhone(sipPort("udp"))) {
            bob.register("1004", "demo1004", DOMAIN); // another user than the other tests': each test finds its own CDRs
            carol.register("1003", "demo1003", DOMAIN);
            Answered one = call(alice, bob, "1004", "rx-1", "rx@127.0.0.1", "bob", SDP_B);
            // Bob holds the caller: his re-INVITE (sendonly) is relayed, the caller answers recvonly
            bob.send(calleeRequest(bob, "INVITE", 1, one.invite(), "bob", "", SDP_B + "a=sendonly\r\n"));
            String hold = alice.expect("INVITE ", 2000);
            assertTrue(hold, hold.contains("a=sendonly"));
            alice.reply(SipPhone.response(hold, 200, "OK", null, "Contact: <sip:office@127.0.0.1:" + alice.port() + ">\r\n",
                SDP_A + "a=recvonly\r\n"));
            alice.expect("ACK ", 2000);
            bob.expect("SIP/2.0 200", 2000);
            bob.send(calleeRequest(bob, "ACK", 1, one.invite(), "bob"));
            Answered two = callAs(bob, "1004", carol, "rx-2", SDP_N, SDP_C);

            referWithReplaces(bob, one, two, 2);
            String resume = alice.expect("INVITE ", 2000);
            assertEquals("rx-1", SipPhone.header(resume, "Call-ID"));
            assertTrue(resume, !resume.contains("a=sendonly") && !resume.contains("a=recvonly") && !resume.contains("a=inactive"));
            assertEquals("the port the caller always used", mediaPort(one.ok()), mediaPort(resume));
            alice.reply(SipPhone.response(resume, 200, "OK", null, "Contact: <sip:office@127.0.0.1:" + alice.port() + ">\r\n",
                SDP_A));
            alice.expect("ACK ", 2000);
            carol.expectNone("INVITE ", 300); // nobody's media moved
            assertTrue(executeCommand("tabphone:calls").contains("1 live"));
            try (DatagramSocket aliceRtp = new DatagramSocket(40000, InetAddress.getLoopbackAddress());
                 DatagramSocket carolRtp = new DatagramSocket(52000, InetAddress.getLoopbackAddress())) {
                assertEquals("the caller's packet reaches Carol", 0x44, SipPhone.relayRtp(aliceRtp, mediaPort(one.ok()), carolRtp, (byte) 0x44));
                assertEquals("Carol's packet reaches the caller", 0x45, SipPhone.relayRtp(carolRtp, mediaPort(two.invite()), aliceRtp, (byte) 0x45));
            }
            bothLegsReleased(bob, one, two);

            // the caller hangs up: the BYE reaches Carol
            alice.send(callerRequest(alice, "BYE", 2, one.ok(), ""));
            alice.expect("SIP/2.0 200", 2000);
            String bye = carol.expect("BYE ", 2000);
            assertEquals(SipPhone.header(two.invite(), "Call-ID"), SipPhone.header(bye, "Call-ID"));
            carol.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            assertTrue(executeCommand("tabphone:calls").contains("0 live"));
            bob.unregister();
            carol.unregister();
        }
        // one record per call segment: Bob's call ends in the transfer; the caller's goes on to Carol
        CdrRecord bobs = records("sip:1004@" + DOMAIN, 1).get(0);
        assertEquals("transfer", bobs.endedBy());
        List<CdrRecord> callers = records("rx@127.0.0.1", 2);
        assertTrue(callers.toString(), callers.stream().anyMatch(r -> r.endedBy().equals("transfer") && r.callee().startsWith("sip:1004@")));
        assertTrue(callers.toString(), callers.stream().anyMatch(r -> r.endedBy().equals("caller") && r.callee().equals("sip:1003@" + DOMAIN)));
    }

    /**
     * The same flow when the two calls' media can't be joined in place (call 2 speaks G.722,
     * which the gateway passes through but can't transcode to the caller's PCMU): both parties —
     * plain RTP phones — are moved onto a new media session by re-INVITEs, Carol first.
     */
    @Test
    public void rfc5589_7_mediaThatCanNotBeJoinedInPlace_movesBothPartiesByReinvites() throws Exception {
        String g722 = "m=audio 44000 RTP/AVP 9\r\na=rtpmap:9 G722/8000\r\n";
        try (SipPhone alice = new SipPhone(sipPort("udp")); SipPhone bob = new SipPhone(sipPort("udp"));
             SipPhone carol = new SipPhone(sipPort("udp"))) {
            bob.register("1001", "demo1001", DOMAIN);
            carol.register("1003", "demo1003", DOMAIN);
            Answered one = call(alice, bob, "1001", "fb-1", "fb@127.0.0.1", "bob", SDP_B);
            Answered two = callAs(bob, "1001", carol, "fb-2", SDP_N.replaceAll("m=audio[^\r]*\r\na=rtpmap[^\r]*\r\n", g722),
                SDP_C.replaceAll("m=audio[^\r]*\r\na=rtpmap[^\r]*\r\n", g722.replace("44000", "52000")));
            assertTrue(two.invite(), two.invite().contains("RTP/AVP 9"));

            bob.send(calleeRequest(bob, "REFER", 1, one.invite(), "bob",
                "Refer-To: <sip:1003@" + DOMAIN + "?Replaces=" + escaped(two.callerLeg()) + ">\r\n", null));
            bob.expect("SIP/2.0 202", 2000);
            bob.reply(SipPhone.response(bob.expect("NOTIFY ", 2000), 200, "OK", null, "", null));
            String carolMoved = moved(carol, two.invite(), "carol", SDP_C);
            String aliceMoved = moved(alice, one.ok(), "a-fb-1", SDP_A);
            String done = bob.expect("NOTIFY ", 3000);
            assertEquals("SIP/2.0 200 OK", sipfrag(done));
            bob.reply(SipPhone.response(done, 200, "OK", null, "", null));
            try (DatagramSocket aliceRtp = new DatagramSocket(40000, InetAddress.getLoopbackAddress());
                 DatagramSocket carolRtp = new DatagramSocket(52000, InetAddress.getLoopbackAddress())) {
                assertEquals(0x46, SipPhone.relayRtp(aliceRtp, mediaPort(aliceMoved), carolRtp, (byte) 0x46));
                assertEquals(0x47, SipPhone.relayRtp(carolRtp, mediaPort(carolMoved), aliceRtp, (byte) 0x47));
            }
            bothLegsReleased(bob, one, two);
            carol.send(calleeRequest(carol, "BYE", 1, two.invite(), "carol"));
            carol.expect("SIP/2.0 200", 2000);
            alice.reply(SipPhone.response(alice.expect("BYE ", 2000), 200, "OK", null, "", null));
            assertTrue(executeCommand("tabphone:calls").contains("0 live"));
            bob.unregister();
            carol.unregister();
        }
        List<CdrRecord> fb = records("fb@127.0.0.1", 2);
        assertTrue(fb.toString(), fb.stream().anyMatch(r -> r.endedBy().equals("transfer") && r.callee().startsWith("sip:1001@")));
        assertTrue(fb.toString(), fb.stream().anyMatch(r -> r.endedBy().equals("callee") && r.callee().equals("sip:1003@" + DOMAIN)));
    }

    /**
     * The transferor was called in both calls: an office phone calls 1004, a second one calls
     * 1004 too, and 1004 REFERs from its leg of the first call with Replaces naming its leg of the
     * second. The two callers are joined in place — the second caller becomes the callee of the
     * call that goes on — with RTP both ways, no re-INVITE to anyone, 1004's legs BYE'd.
     */
    @Test
    public void rfc5589_7_theTransferorCalledByBothParties_joinsTheTwoCallersInPlace() throws Exception {
        try (SipPhone alice = new SipPhone(sipPort("udp")); SipPhone x = new SipPhone(sipPort("udp"));
             SipPhone carol = new SipPhone(sipPort("udp"))) {
            x.register("1004", "demo1004", DOMAIN);
            Answered one = call(alice, x, "1004", "cb-1", "cb-a@127.0.0.1", "x1", SDP_B);
            Answered two = call(carol, SDP_C, x, "1004", "cb-2", "cb-c@127.0.0.1", "x2", SDP_N);
            String ok2 = two.ok();
            String callId2 = SipPhone.header(two.invite(), "Call-ID");

            // call 2 as 1004 sees it: the gateway's Call-ID and tag (From), its own tag
            x.send(calleeRequest(x, "REFER", 1, one.invite(), "x1",
                "Refer-To: <sip:cb-c@127.0.0.1?Replaces=" + escaped(two.calleeLeg()) + ">\r\n", null));
            x.expect("SIP/2.0 202", 2000);
            x.reply(SipPhone.response(x.expect("NOTIFY ", 2000), 200, "OK", null, "", null));
            String done = x.expect("NOTIFY ", 2000);
            assertEquals(SipPhone.header(one.invite(), "Call-ID"), SipPhone.header(done, "Call-ID"));
            assertEquals("SIP/2.0 200 OK", sipfrag(done));
            x.reply(SipPhone.response(done, 200, "OK", null, "", null));
            alice.expectNone("INVITE ", 300); // nobody held, nobody moved
            carol.expectNone("INVITE ", 10);
            assertTrue(executeCommand("tabphone:calls").contains("1 live"));
            try (DatagramSocket aliceRtp = new DatagramSocket(40000, InetAddress.getLoopbackAddress());
                 DatagramSocket carolRtp = new DatagramSocket(52000, InetAddress.getLoopbackAddress())) {
                assertEquals("the first caller reaches the second", 0x48, SipPhone.relayRtp(aliceRtp, mediaPort(one.ok()), carolRtp, (byte) 0x48));
                assertEquals("the second caller reaches the first", 0x49, SipPhone.relayRtp(carolRtp, mediaPort(ok2), aliceRtp, (byte) 0x49));
            }
            bothLegsReleased(x, SipPhone.header(one.invite(), "Call-ID"), callId2);

            // the second caller hangs up in its own dialog: the BYE reaches the first
            carol.send(callerRequest(carol, "BYE", 2, ok2, ""));
            carol.expect("SIP/2.0 200", 2000);
            String bye = alice.expect("BYE ", 2000);
            assertEquals("cb-1", SipPhone.header(bye, "Call-ID"));
            alice.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            assertTrue(executeCommand("tabphone:calls").contains("0 live"));
            x.unregister();
        }
        assertEquals("transfer", records("cb-c@127.0.0.1", 1).get(0).endedBy());
        List<CdrRecord> first = records("cb-a@127.0.0.1", 2);
        assertTrue(first.toString(), first.stream().anyMatch(r -> r.endedBy().equals("transfer") && r.callee().startsWith("sip:1004@")));
        assertTrue(first.toString(), first.stream().anyMatch(r -> r.endedBy().equals("callee") && r.callee().equals("sip:cb-c@127.0.0.1")));
    }

    @Test
    public void rfc3891_3_anInviteWithReplacesTakesOverTheCallersLeg_481ForNoSuchDialog_486ForEarlyOnly() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone bob = new SipPhone(sipPort("udp"));
             SipPhone n = new SipPhone(sipPort("udp"))) {
            bob.register("1002", "demo1002", DOMAIN);
            Answered one = call(a, bob, "1002", "rep-1", "rep@127.0.0.1", "bob", SDP_B);
            n.send(invite(n, "1002", "rep-n1", "n@127.0.0.1", SDP_N, "Replaces: rep-1;to-tag=nope;from-tag=a-rep-1\r\n"));
            n.send(ack(n.expect("SIP/2.0 481", 2000), "1002"));
            n.send(invite(n, "1002", "rep-n2", "n@127.0.0.1", SDP_N, "Replaces: " + one.callerLeg() + ";early-only\r\n"));
            n.send(ack(n.expect("SIP/2.0 486", 2000), "1002"));
            bob.expectNone("INVITE ", 200);

            n.send(invite(n, "1002", "rep-n3", "n@127.0.0.1", SDP_N, "Replaces: " + one.callerLeg() + "\r\n"));
            moved(bob, one.invite(), "bob", SDP_B);
            String ok = n.expect("SIP/2.0 200", 3000);
            assertTrue(ok, ok.matches("(?s).*m=audio 2\\d{4} RTP/AVP 0.*") && !ok.contains("m=audio 50000"));
            n.send(callerRequest(n, "ACK", 1, ok, ""));
            String bye = a.expect("BYE ", 2000); // the replaced leg ends
            assertEquals("rep-1", SipPhone.header(bye, "Call-ID"));
            a.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            assertTrue(executeCommand("tabphone:calls").contains("1 live"));

            n.send(callerRequest(n, "BYE", 2, ok, ""));
            n.expect("SIP/2.0 200", 2000);
            bob.reply(SipPhone.response(bob.expect("BYE ", 2000), 200, "OK", null, "", null));
            assertTrue(executeCommand("tabphone:calls").contains("0 live"));
            bob.unregister();
        }
        assertEquals("transfer", records("rep@", 1).get(0).endedBy());
        CdrRecord taken = records("n@127.0.0.1", 1).get(0);
        assertEquals("caller", taken.endedBy());
        assertEquals("phone->phone", taken.direction());
    }

    /**
     * RFC 3891 §3 for the callee's leg: Bob, called by the office phone, holds it and (elsewhere)
     * calls Carol, who then INVITEs the gateway with Replaces naming Bob's leg. Carol takes Bob's
     * place: 200 with an answer from the call's media session, Bob's leg gets BYE, the office phone
     * keeps its leg and gateway port — only one re-INVITE on that port takes it off hold (a browser
     * caller would keep its DTLS) — and RTP crosses both ways; Carol's BYE ends the call toward the
     * caller. 486 for early-only on the confirmed leg, 603 once it is gone.
     */
    @Test
    public void rfc3891_3_anInviteWithReplacesForTheCalleesLeg_connectsTheCallerToTheNewPartyOnItsOwnPort() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone bob = new SipPhone(sipPort("udp"));
             SipPhone carol = new SipPhone(sipPort("udp"))) {
            bob.register("1002", "demo1002", DOMAIN);
            Answered one = call(a, bob, "1002", "rpc-1", "rpc@127.0.0.1", "bob", SDP_B);
            bob.send(calleeRequest(bob, "INVITE", 1, one.invite(), "bob", "", SDP_B + "a=sendonly\r\n"));
            String hold = a.expect("INVITE ", 2000);
            assertTrue(hold, hold.contains("a=sendonly"));
            a.reply(SipPhone.response(hold, 200, "OK", null, "Contact: <sip:office@127.0.0.1:" + a.port() + ">\r\n",
                SDP_A + "a=recvonly\r\n"));
            a.expect("ACK ", 2000);
            bob.expect("SIP/2.0 200", 2000);
            bob.send(calleeRequest(bob, "ACK", 1, one.invite(), "bob"));

            carol.send(invite(carol, "1002", "rpc-c1", "rpc-new@127.0.0.1", SDP_C,
                "Replaces: " + one.calleeLeg() + ";early-only\r\n"));
            carol.send(ack(carol.expect("SIP/2.0 486", 2000), "1002"));
            carol.send(invite(carol, "1002", "rpc-c2", "rpc-new@127.0.0.1", SDP_C, "Replaces: " + one.calleeLeg() + "\r\n"));
            String ok = carol.expect("SIP/2.0 200", 3000);
            assertTrue(ok, ok.matches("(?s).*m=audio 2\\d{4} RTP/AVP 0.*") && ok.contains("a=sendrecv"));
            assertNotEquals("a leg of Carol's own", mediaPort(one.invite()), mediaPort(ok));
            carol.send(callerRequest(carol, "ACK", 1, ok, ""));
            String bye = bob.expect("BYE ", 2000); // RFC 3891 §3: the replaced dialog ends
            assertEquals(SipPhone.header(one.invite(), "Call-ID"), SipPhone.header(bye, "Call-ID"));
            bob.reply(SipPhone.response(bye, 200, "OK", null, "", null));

            String resume = a.expect("INVITE ", 2000);
            assertEquals("rpc-1", SipPhone.header(resume, "Call-ID"));
            assertTrue(resume, !resume.contains("a=sendonly") && !resume.contains("a=recvonly") && !resume.contains("a=inactive"));
            assertEquals("the port the caller always used", mediaPort(one.ok()), mediaPort(resume));
            a.reply(SipPhone.response(resume, 200, "OK", null, "Contact: <sip:office@127.0.0.1:" + a.port() + ">\r\n", SDP_A));
            a.expect("ACK ", 2000);
            a.expectNone("INVITE ", 300);
            assertTrue(executeCommand("tabphone:calls").contains("1 live"));
            try (DatagramSocket aRtp = new DatagramSocket(40000, InetAddress.getLoopbackAddress());
                 DatagramSocket carolRtp = new DatagramSocket(52000, InetAddress.getLoopbackAddress())) {
                assertEquals("the caller's packet reaches Carol", 0x50, SipPhone.relayRtp(aRtp, mediaPort(one.ok()), carolRtp, (byte) 0x50));
                assertEquals("Carol's packet reaches the caller", 0x51, SipPhone.relayRtp(carolRtp, mediaPort(ok), aRtp, (byte) 0x51));
            }

            carol.send(invite(carol, "1002", "rpc-c3", "rpc-new@127.0.0.1", SDP_C, "Replaces: " + one.calleeLeg() + "\r\n"));
            carol.send(ack(carol.expect("SIP/2.0 603", 2000), "1002")); // Bob's leg has ended

            carol.send(callerRequest(carol, "BYE", 2, ok, ""));
            carol.expect("SIP/2.0 200", 2000);
            String byeToCaller = a.expect("BYE ", 2000);
            assertEquals("rpc-1", SipPhone.header(byeToCaller, "Call-ID"));
            a.reply(SipPhone.response(byeToCaller, 200, "OK", null, "", null));
            assertTrue(executeCommand("tabphone:calls").contains("0 live"));
            bob.unregister();
        }
        List<CdrRecord> segments = records("rpc@127.0.0.1", 2);
        assertTrue(segments.toString(), segments.stream().anyMatch(r -> r.endedBy().equals("transfer")
            && r.callee().startsWith("sip:1002@")));
        assertTrue(segments.toString(), segments.stream().anyMatch(r -> r.endedBy().equals("callee")
            && r.callee().equals("sip:rpc-new@127.0.0.1") && r.direction().equals("phone->phone")));
    }

    /**
     * RFC 3891 §3 for early dialogs: Replaces naming the early dialog of a branch the gateway rings
     * (Bob sent 180 with his tag) is accepted — directed call pickup: Bob's INVITE is CANCELled,
     * Carol gets 200, the caller gets its 200 and talks to Carol (RTP both ways). Replaces naming
     * the caller's early dialog, which the gateway did not initiate, gets 481 and changes nothing.
     */
    @Test
    public void rfc3891_3_anInviteWithReplacesForARingingBranch_picksUpTheCall_andTheCallersEarlyDialogIs481() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone bob = new SipPhone(sipPort("udp"));
             SipPhone carol = new SipPhone(sipPort("udp"))) {
            bob.register("1002", "demo1002", DOMAIN);
            a.send(invite(a, "1002", "pk-1", "pk@127.0.0.1", SDP_A, ""));
            String ringing = a.expect("SIP/2.0 180", 2000);
            String inv = bob.expect("INVITE ", 3000);
            bob.reply(SipPhone.response(inv, 180, "Ringing", "bob", "Contact: <sip:1002@127.0.0.1:" + bob.port() + ">\r\n", null));

            String callersEarly = "pk-1;to-tag=" + SipPhone.tag(SipPhone.header(ringing, "To")) + ";from-tag=a-pk-1";
            carol.send(invite(carol, "1002", "pk-c1", "pk-new@127.0.0.1", SDP_C, "Replaces: " + callersEarly + "\r\n"));
            carol.send(ack(carol.expect("SIP/2.0 481", 2000), "1002"));
            bob.expectNone("CANCEL ", 200);

            Answered early = new Answered(inv, null, "bob");
            carol.send(invite(carol, "1002", "pk-c2", "pk-new@127.0.0.1", SDP_C, "Replaces: " + early.calleeLeg() + "\r\n"));
            String ok = carol.expect("SIP/2.0 200", 3000);
            assertTrue(ok, ok.matches("(?s).*m=audio 2\\d{4} RTP/AVP 0.*"));
            carol.send(callerRequest(carol, "ACK", 1, ok, ""));
            String cancel = bob.expect("CANCEL ", 2000); // RFC 3891 §3: the replaced early dialog is shut down with CANCEL
            assertEquals(SipPhone.header(inv, "Call-ID"), SipPhone.header(cancel, "Call-ID"));
            bob.reply(SipPhone.response(cancel, 200, "OK", "bob", "", null));
            bob.reply(SipPhone.response(inv, 487, "Request Terminated", "bob", "", null));
            bob.expect("ACK ", 2000);

            String answered = a.expect("SIP/2.0 200", 2000);
            assertTrue(answered, answered.matches("(?s).*m=audio 2\\d{4} RTP/AVP 0.*"));
            a.send(callerRequest(a, "ACK", 1, answered, ""));
            assertTrue(executeCommand("tabphone:calls").contains("1 live"));
            try (DatagramSocket aRtp = new DatagramSocket(40000, InetAddress.getLoopbackAddress());
                 DatagramSocket carolRtp = new DatagramSocket(52000, InetAddress.getLoopbackAddress())) {
                assertEquals("the caller's packet reaches Carol", 0x52, SipPhone.relayRtp(aRtp, mediaPort(answered), carolRtp, (byte) 0x52));
                assertEquals("Carol's packet reaches the caller", 0x53, SipPhone.relayRtp(carolRtp, mediaPort(ok), aRtp, (byte) 0x53));
            }
            a.send(callerRequest(a, "BYE", 2, answered, ""));
            a.expect("SIP/2.0 200", 2000);
            String bye = carol.expect("BYE ", 2000);
            assertEquals("pk-c2", SipPhone.header(bye, "Call-ID"));
            carol.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            assertTrue(executeCommand("tabphone:calls").contains("0 live"));
            bob.unregister();
        }
        CdrRecord picked = records("pk@127.0.0.1", 1).get(0);
        assertEquals("sip:pk-new@127.0.0.1", picked.callee());
        assertEquals("caller", picked.endedBy());
    }
}
