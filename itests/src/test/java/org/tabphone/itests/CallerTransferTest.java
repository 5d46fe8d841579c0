package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
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
 * Blind transfer (RFC 3515) by the caller's leg, on the wire between bare UDP phones: an office
 * phone calls Bob (1002), then REFERs Bob to "carol" (1003's display name). Carol rings with Bob
 * as the caller; when she answers, Bob keeps his leg of the call's media session (no re-INVITE)
 * and it is bridged to hers, the office phone hears NOTIFY 200 and leaves; Bob and Carol stay. A target that declines
 * leaves the call as it was, with the failure in the NOTIFY.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CallerTransferTest extends TabphoneTestSupport {
    private static final String DOMAIN = "demo.tabphone.test";
    private static final String SDP_A = SipPhone.pcmuSdp(1, 40000);
    private static final String SDP_B = SipPhone.pcmuSdp(2, 50000);
    private static final String SDP_C = SipPhone.pcmuSdp(3, 52000);

    @Before
    public void sipServiceUp() throws Exception {
        awaitSipService();
    }

    private static String invite(SipPhone a, String to, String callId, String from) {
        return "INVITE sip:" + to + "@" + DOMAIN + " SIP/2.0\r\n" + a.via() + "\r\nMax-Forwards: 70\r\n"
            + "To: <sip:" + to + "@" + DOMAIN + ">\r\nFrom: \"Office\" <sip:" + from + ">;tag=a-" + callId + "\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:office@127.0.0.1:" + a.port() + ">\r\n"
            + "Content-Type: application/sdp\r\nContent-Length: " + SDP_A.length() + "\r\n\r\n" + SDP_A;
    }

    /** An in-dialog request from the caller, built from the 200 it got. */
    private static String callerRequest(SipPhone a, String method, int cseq, String ok, String callId, String extra) {
        String target = SipPhone.header(ok, "Contact").replaceAll("^.*<([^>]+)>.*$", "$1");
        return method + " " + target + " SIP/2.0\r\n" + a.via() + "\r\nMax-Forwards: 70\r\n"
            + "To: " + SipPhone.header(ok, "To") + "\r\nFrom: " + SipPhone.header(ok, "From") + "\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\n"
            + "Contact: <sip:office@127.0.0.1:" + a.port() + ">\r\n" + extra + "Content-Length: 0\r\n\r\n";
    }

    /** An in-dialog request from the UAS of a gateway-initiated leg ({@code inv}, answered with tag {@code tag}). */
    private static String calleeRequest(SipPhone p, String method, int cseq, String inv, String tag) {
        String gw = SipPhone.header(inv, "Contact").replaceAll("^.*<([^>]+)>.*$", "$1");
        return method + " " + gw + " SIP/2.0\r\n" + p.via() + "\r\nMax-Forwards: 70\r\n"
            + "From: " + SipPhone.header(inv, "To") + ";tag=" + tag + "\r\nTo: " + SipPhone.header(inv, "From") + "\r\n"
            + "Call-ID: " + SipPhone.header(inv, "Call-ID") + "\r\nCSeq: " + cseq + " " + method + "\r\n"
            + "Content-Length: 0\r\n\r\n";
    }

    /** The office phone calls Bob, Bob answers: {INVITE Bob got, 200 the office phone got}. */
    private static String[] officeCallsBob(SipPhone a, SipPhone bob, String callId) throws Exception {
        a.send(invite(a, "1002", callId, callId + "@127.0.0.1"));
        a.expect("SIP/2.0 180", 2000);
        String inv = bob.expect("INVITE ", 3000);
        bob.reply(SipPhone.response(inv, 200, "OK", "bob", "Contact: <sip:1002@127.0.0.1:" + bob.port() + ">\r\n", SDP_B));
        String ok = a.expect("SIP/2.0 200", 3000);
        bob.expect("ACK ", 2000);
        a.send(callerRequest(a, "ACK", 1, ok, callId, ""));
        return new String[] {inv, ok};
    }

    private static String sipfrag(String notify) {
        return notify.substring(notify.indexOf("\r\n\r\n") + 4).trim();
    }

    @Test
    public void rfc3515_theCallerReferringTheCallee_bridgesTheCalleeToTheTarget_andLetsTheCallerGo() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone bob = new SipPhone(sipPort("udp"));
             SipPhone carol = new SipPhone(sipPort("udp"))) {
            bob.register("1002", "demo1002", DOMAIN);
            carol.register("1003", "demo1003", DOMAIN);
            String[] call = officeCallsBob(a, bob, "xfer-1");
            String toBob = call[0];
            String ok = call[1];

            a.send(callerRequest(a, "REFER", 2, ok, "xfer-1", "Refer-To: <sip:carol@" + DOMAIN + ">\r\n"));
            a.expect("SIP/2.0 202", 2000);
            String trying = a.expect("NOTIFY ", 2000);
            assertEquals("SIP/2.0 100 Trying", sipfrag(trying));
            assertTrue(trying, SipPhone.header(trying, "Subscription-State").startsWith("active"));
            assertEquals("refer;id=2", SipPhone.header(trying, "Event"));
            a.reply(SipPhone.response(trying, 200, "OK", null, "", null));

            String toCarol = carol.expect("INVITE ", 3000);
            assertTrue("the callee that stays is the caller of Carol's leg: " + toCarol,
                SipPhone.header(toCarol, "From").contains("sip:1002@" + DOMAIN));
            assertEquals("sip:1003@" + DOMAIN, SipPhone.header(toCarol, "To").replaceAll("^<(.*)>$", "$1"));
            assertTrue(toCarol, toCarol.matches("(?s).*m=audio 2\\d{4} RTP/AVP 0.*") && !toCarol.contains("m=audio 50000"));
            String carolOk = SipPhone.response(toCarol, 200, "OK", "carol",
                "Contact: <sip:1003@127.0.0.1:" + carol.port() + ">\r\n", SDP_C);
            carol.reply(carolOk);
            carol.expect("ACK ", 2000);
            carol.reply(carolOk); // a retransmitted 2xx (RFC 6026 §8.4): ACKed again, never BYEd
            carol.expect("ACK ", 2000);

            // Bob stays on his own gateway port (no re-INVITE: a browser there keeps its DTLS): the
            // call's session now bridges his leg to Carol's; RTP crosses both ways
            bob.expectNone("INVITE ", 300);
            try (DatagramSocket bobRtp = new DatagramSocket(50000, InetAddress.getLoopbackAddress());
                 DatagramSocket carolRtp = new DatagramSocket(52000, InetAddress.getLoopbackAddress())) {
                bobRtp.setSoTimeout(2000);
                carolRtp.setSoTimeout(2000);
                assertEquals("Bob's packet reaches Carol", 0x42, SipPhone.relayRtp(bobRtp, mediaPort(toBob), carolRtp, (byte) 0x42));
                assertEquals("Carol's packet reaches Bob", 0x43, SipPhone.relayRtp(carolRtp, mediaPort(toCarol), bobRtp, (byte) 0x43));
            }

            String done = a.expect("NOTIFY ", 3000);
            assertEquals("SIP/2.0 200 OK", sipfrag(done));
            assertTrue(done, SipPhone.header(done, "Subscription-State").startsWith("terminated"));
            a.reply(SipPhone.response(done, 200, "OK", null, "", null));
            a.send(callerRequest(a, "BYE", 3, ok, "xfer-1", ""));
            a.expect("SIP/2.0 200", 2000);
            bob.expectNone("BYE ", 300);
            carol.expectNone("BYE ", 10);

            String calls = executeCommand("tabphone:calls");
            assertTrue(calls, calls.contains("1 live") && calls.contains("ANSWERED"));
            String media = executeCommand("tabphone:media");
            assertTrue(media, media.contains("1 sessions"));

            // Bob hangs up: Carol gets the BYE, the office phone nothing
            bob.send(calleeRequest(bob, "BYE", 1, toBob, "bob"));
            bob.expect("SIP/2.0 200", 2000);
            String bye = carol.expect("BYE ", 2000);
            assertEquals(SipPhone.header(toCarol, "Call-ID"), SipPhone.header(bye, "Call-ID"));
            carol.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            a.expectNone("BYE ", 300);
            assertTrue(executeCommand("tabphone:calls").contains("0 live"));
            bob.unregister();
            carol.unregister();
        }
        CdrRecord withBob = records("xfer-1@", 1).get(0);
        assertEquals("transfer", withBob.endedBy());
        assertEquals(200, withBob.cause());
        assertEquals("sip:1002@" + DOMAIN, withBob.callee());
        // the next segment: Bob, who stayed, with Carol, from the REFER on
        List<CdrRecord> bobWithCarol = records("sip:1002@" + DOMAIN, 1);
        CdrRecord second = bobWithCarol.get(0);
        assertEquals(withBob.call(), second.call());
        assertEquals("sip:1003@" + DOMAIN, second.callee());
        assertEquals("phone->phone", second.direction());
        assertEquals("caller", second.endedBy());
        assertFalse(second.started().isBefore(withBob.answered()));
    }

    @Test
    public void rfc3515_aTargetThatDeclinesLeavesTheCallAsItWas_withTheFailureInTheNotify() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone bob = new SipPhone(sipPort("udp"));
             SipPhone carol = new SipPhone(sipPort("udp"))) {
            bob.register("1002", "demo1002", DOMAIN);
            carol.register("1003", "demo1003", DOMAIN);
            String[] call = officeCallsBob(a, bob, "xfer-2");
            String ok = call[1];

            a.send(callerRequest(a, "REFER", 2, ok, "xfer-2", "Refer-To: \"Carol\" <sip:1003@" + DOMAIN + ">\r\n"));
            a.expect("SIP/2.0 202", 2000);
            a.reply(SipPhone.response(a.expect("NOTIFY ", 2000), 200, "OK", null, "", null));
            String toCarol = carol.expect("INVITE ", 3000);
            carol.reply(SipPhone.response(toCarol, 486, "Busy Here", "carol", "", null));
            carol.expect("ACK ", 2000);

            String failed = a.expect("NOTIFY ", 3000);
            assertEquals("SIP/2.0 486 Busy Here", sipfrag(failed));
            assertTrue(failed, SipPhone.header(failed, "Subscription-State").startsWith("terminated"));
            a.reply(SipPhone.response(failed, 200, "OK", null, "", null));
            bob.expectNone("INVITE ", 300); // no re-INVITE: Bob never left the call's session
            bob.expectNone("BYE ", 10);

            // still the office phone and Bob: the office phone's BYE reaches Bob
            a.send(callerRequest(a, "BYE", 3, ok, "xfer-2", ""));
            a.expect("SIP/2.0 200", 2000);
            String bye = bob.expect("BYE ", 2000);
            bob.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            assertTrue(executeCommand("tabphone:calls").contains("0 live"));
            bob.unregister();
            carol.unregister();
        }
    }

    @Test
    public void rfc3515_aReferToNobodyGets202AndNotify404_andTheCallGoesOn() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone bob = new SipPhone(sipPort("udp"))) {
            bob.register("1002", "demo1002", DOMAIN);
            String[] call = officeCallsBob(a, bob, "xfer-3");
            String ok = call[1];
            a.send(callerRequest(a, "REFER", 2, ok, "xfer-3", "Refer-To: <sip:nobody-here@" + DOMAIN + ">\r\n"));
            a.expect("SIP/2.0 202", 2000);
            a.reply(SipPhone.response(a.expect("NOTIFY ", 2000), 200, "OK", null, "", null));
            String failed = a.expect("NOTIFY ", 2000);
            assertEquals("SIP/2.0 404 Not Found", sipfrag(failed));
            a.reply(SipPhone.response(failed, 200, "OK", null, "", null));
            a.send(callerRequest(a, "BYE", 3, ok, "xfer-3", ""));
            a.expect("SIP/2.0 200", 2000);
            bob.reply(SipPhone.response(bob.expect("BYE ", 2000), 200, "OK", null, "", null));
            bob.unregister();
        }
    }

    /**
     * The party that stays in a callee's blind transfer is the caller side as it is now: the office
     * phone calls 1001 and transfers it to Carol (1003) — 1001 is now the caller side — then Carol
     * REFERs to Dave (1004). Dave's INVITE comes from 1001, not from the office phone that left long
     * before; when Dave answers, 1001 talks to him and 1001's BYE reaches Dave.
     */
    @Test
    public void rfc3515_aCalleesReferAfterTheCallersTransfer_ringsTheTargetFromTheCallerSideAsItIsNow() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone bob = new SipPhone(sipPort("udp"));
             SipPhone carol = new SipPhone(sipPort("udp")); SipPhone dave = new SipPhone(sipPort("udp"))) {
            bob.register("1001", "demo1001", DOMAIN);
            carol.register("1003", "demo1003", DOMAIN);
            dave.register("1004", "demo1004", DOMAIN);
            a.send(invite(a, "1001", "xfer-4", "xfer-4@127.0.0.1"));
            String toBob = bob.expect("INVITE ", 3000);
            bob.reply(SipPhone.response(toBob, 200, "OK", "bob", "Contact: <sip:1001@127.0.0.1:" + bob.port() + ">\r\n", SDP_B));
            String ok = a.expect("SIP/2.0 200", 3000);
            bob.expect("ACK ", 2000);
            a.send(callerRequest(a, "ACK", 1, ok, "xfer-4", ""));

            a.send(callerRequest(a, "REFER", 2, ok, "xfer-4", "Refer-To: <sip:1003@" + DOMAIN + ">\r\n"));
            a.expect("SIP/2.0 202", 2000);
            a.reply(SipPhone.response(a.expect("NOTIFY ", 2000), 200, "OK", null, "", null));
            String toCarol = carol.expect("INVITE ", 3000);
            carol.reply(SipPhone.response(toCarol, 200, "OK", "carol", "Contact: <sip:1003@127.0.0.1:" + carol.port() + ">\r\n",
                SDP_C));
            carol.expect("ACK ", 2000);
            String done = a.expect("NOTIFY ", 3000);
            assertEquals("SIP/2.0 200 OK", sipfrag(done));
            a.reply(SipPhone.response(done, 200, "OK", null, "", null));
            a.send(callerRequest(a, "BYE", 3, ok, "xfer-4", ""));
            a.expect("SIP/2.0 200", 2000);

            // Carol, the callee now, transfers the caller side (1001) to Dave
            carol.send(calleeRequest(carol, "REFER", 1, toCarol, "carol").replace("Content-Length: 0\r\n",
                "Contact: <sip:1003@127.0.0.1:" + carol.port() + ">\r\nRefer-To: <sip:1004@" + DOMAIN + ">\r\nContent-Length: 0\r\n"));
            carol.expect("SIP/2.0 202", 2000);
            carol.reply(SipPhone.response(carol.expect("NOTIFY ", 2000), 200, "OK", null, "", null));
            String toDave = dave.expect("INVITE ", 3000);
            String from = SipPhone.header(toDave, "From");
            assertEquals("Dave is called by the caller side as it is now (1001): " + from, "sip:1001@" + DOMAIN,
                from.replaceAll("^[^<]*<([^>]*)>.*$", "$1").replaceAll(";tag=.*$", ""));
            assertFalse("not by the office phone that left: " + from, from.contains("xfer-4"));
            dave.reply(SipPhone.response(toDave, 200, "OK", "dave", "Contact: <sip:1004@127.0.0.1:" + dave.port() + ">\r\n",
                SipPhone.pcmuSdp(4, 54000)));
            dave.expect("ACK ", 2000);
            String carolDone = carol.expect("NOTIFY ", 3000);
            assertEquals("SIP/2.0 200 OK", sipfrag(carolDone));
            carol.reply(SipPhone.response(carolDone, 200, "OK", null, "", null));
            carol.send(calleeRequest(carol, "BYE", 2, toCarol, "carol"));
            carol.expect("SIP/2.0 200", 2000);

            bob.send(calleeRequest(bob, "BYE", 1, toBob, "bob"));
            bob.expect("SIP/2.0 200", 2000);
            String bye = dave.expect("BYE ", 2000);
            assertEquals(SipPhone.header(toDave, "Call-ID"), SipPhone.header(bye, "Call-ID"));
            dave.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            assertTrue(executeCommand("tabphone:calls").contains("0 live"));
            bob.unregister();
            carol.unregister();
            dave.unregister();
        }
        List<CdrRecord> fromBob = records("sip:1001@" + DOMAIN, 2);
        assertTrue(fromBob.toString(), fromBob.stream().anyMatch(r -> r.callee().equals("sip:1003@" + DOMAIN)
            && r.endedBy().equals("transfer")));
        assertTrue(fromBob.toString(), fromBob.stream().anyMatch(r -> r.callee().equals("sip:1004@" + DOMAIN)
            && r.endedBy().equals("caller")));
    }
}
