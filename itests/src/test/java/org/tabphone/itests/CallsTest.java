package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Hashtable;
import java.util.concurrent.CompletableFuture;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.tabphone.routing.api.CallRouter;
import org.tabphone.routing.api.RouteDecision;

/**
 * The B2BUA on the wire between two UDP phones: an unregistered caller (like a trunk or office
 * phone) calls demo user 1002, registered from the callee phone.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CallsTest extends TabphoneTestSupport {
    private static final String DOMAIN = "demo.tabphone.test";
    private static final String SDP_A = SipPhone.pcmuSdp(1, 40000);
    private static final String SDP_B = SipPhone.pcmuSdp(2, 50000);

    @Before
    public void sipServiceUp() throws Exception {
        awaitSipService();
    }

    /** An INVITE from a desk phone calling in with its own identity (not a tenant user: not challenged). */
    private static String invite(SipPhone a, String to, String callId) {
        return invite(a, to, callId, "office@127.0.0.1", 1, "");
    }

    private static String invite(SipPhone a, String to, String callId, String from, int cseq, String extra) {
        return "INVITE sip:" + to + "@" + DOMAIN + " SIP/2.0\r\n" + a.via() + "\r\nMax-Forwards: 70\r\n"
            + "To: <sip:" + to + "@" + DOMAIN + ">\r\nFrom: \"Caller\" <sip:" + from + ">;tag=a-" + callId + "\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " INVITE\r\nContact: <sip:caller@127.0.0.1:" + a.port() + ">\r\n"
            + extra + "Content-Type: application/sdp\r\nContent-Length: " + SDP_A.length() + "\r\n\r\n" + SDP_A;
    }

    /** An in-dialog request from the caller, built from the 200 it got. */
    private static String callerRequest(SipPhone a, String method, int cseq, String ok, String callId) {
        String target = SipPhone.header(ok, "Contact").replaceAll("^.*<([^>]+)>.*$", "$1");
        return method + " " + target + " SIP/2.0\r\n" + a.via() + "\r\nMax-Forwards: 70\r\n"
            + "To: " + SipPhone.header(ok, "To") + "\r\nFrom: " + SipPhone.header(ok, "From") + "\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\nContent-Length: 0\r\n\r\n";
    }

    /** Callee 1002 on phone b answers the INVITE it gets with 180 then 200; returns that INVITE. */
    private static String answer(SipPhone b, String tag) throws Exception {
        String inv = b.expect("INVITE ", 3000);
        b.reply(SipPhone.response(inv, 180, "Ringing", tag, "", null));
        b.reply(SipPhone.response(inv, 200, "OK", tag, "Contact: <sip:1002@127.0.0.1:" + b.port() + ">\r\n", SDP_B));
        return inv;
    }

    @Test
    public void rfc3261_b2bua_callerHangsUp() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            a.send(invite(a, "1002", "call-1"));
            a.expect("SIP/2.0 180", 2000); // at once, before the callee rings

            String inv = answer(b, "b1");
            assertEquals("sip:1002@127.0.0.1:" + b.port(), SipPhone.requestUri(inv));
            assertNotEquals("the callee leg is a new dialog", "call-1", SipPhone.header(inv, "Call-ID"));
            assertTrue(inv, SipPhone.header(inv, "From").contains("sip:office@127.0.0.1"));
            // media is anchored: each phone gets the gateway's address and a port of the media range
            assertTrue(inv, inv.matches("(?s).*m=audio 2\\d{4} RTP/AVP 0 8 101\r\n.*")
                && inv.contains("c=IN IP4 127.0.0.1") && !inv.contains("m=audio 40000"));

            String ok = a.expect("SIP/2.0 200", 3000);
            assertTrue(ok, ok.matches("(?s).*m=audio 2\\d{4} RTP/AVP 0\r\n.*") && !ok.contains("m=audio 50000"));
            String media = executeCommand("tabphone:media");
            assertTrue(media, media.contains("PCMU/8000") && media.contains("1 sessions"));
            assertNotNull(SipPhone.tag(SipPhone.header(ok, "To")));
            b.expect("ACK ", 2000); // the gateway ACKs the callee's 200
            a.send(callerRequest(a, "ACK", 1, ok, "call-1"));

            String calls = executeCommand("tabphone:calls");
            assertTrue(calls, calls.contains("ANSWERED") && calls.contains("1 live"));
            MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            assertEquals(1, jmx.getAttribute(new ObjectName("org.tabphone:type=Calls"), "Active"));

            // hold: the caller's re-INVITE (sendonly) reaches the callee in its own dialog, the answer comes back
            String holdSdp = SDP_A + "a=sendonly\r\n";
            String hold = callerRequest(a, "INVITE", 2, ok, "call-1").replace("Content-Length: 0\r\n\r\n",
                "Contact: <sip:1001@127.0.0.1:" + a.port() + ">\r\nContent-Type: application/sdp\r\nContent-Length: "
                + holdSdp.length() + "\r\n\r\n" + holdSdp);
            a.send(hold);
            String reinvite = b.expect("INVITE ", 2000);
            assertEquals(SipPhone.header(inv, "Call-ID"), SipPhone.header(reinvite, "Call-ID"));
            assertEquals("b1", SipPhone.tag(SipPhone.header(reinvite, "To")));
            assertTrue(reinvite, reinvite.contains("a=sendonly"));
            b.reply(SipPhone.response(reinvite, 200, "OK", null, "Contact: <sip:1002@127.0.0.1:" + b.port() + ">\r\n",
                SDP_B + "a=recvonly\r\n"));
            String held = a.expect("SIP/2.0 200", 2000);
            assertTrue(held, held.contains("a=recvonly") && SipPhone.header(held, "CSeq").equals("2 INVITE"));
            b.expect("ACK ", 2000);
            a.send(callerRequest(a, "ACK", 2, ok, "call-1"));

            // INFO (e.g. DTMF relay) goes across too
            a.send(callerRequest(a, "INFO", 3, ok, "call-1"));
            String info = b.expect("INFO ", 2000);
            b.reply(SipPhone.response(info, 200, "OK", null, "", null));
            assertTrue(a.expect("SIP/2.0 200", 2000).contains("3 INFO"));

            a.send(callerRequest(a, "BYE", 4, ok, "call-1"));
            a.expect("SIP/2.0 200", 2000);
            String bye = b.expect("BYE ", 2000);
            b.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            assertTrue(executeCommand("tabphone:calls").contains("0 live"));
            b.unregister();
        }
    }

    @Test
    public void rfc3261_b2bua_calleeHangsUpAndTheByeReachesTheCaller() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            a.send(invite(a, "1002", "call-2"));
            String inv = answer(b, "b2");
            String ok = a.expect("SIP/2.0 200", 3000);
            a.send(callerRequest(a, "ACK", 1, ok, "call-2"));
            b.expect("ACK ", 2000);

            String gw = SipPhone.header(inv, "Contact").replaceAll("^.*<([^>]+)>.*$", "$1");
            b.send("BYE " + gw + " SIP/2.0\r\n" + b.via() + "\r\nMax-Forwards: 70\r\n"
                + "From: " + SipPhone.header(inv, "To") + ";tag=b2\r\nTo: " + SipPhone.header(inv, "From") + "\r\n"
                + "Call-ID: " + SipPhone.header(inv, "Call-ID") + "\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n");
            b.expect("SIP/2.0 200", 2000);
            String bye = a.expect("BYE ", 2000);
            assertEquals("call-2", SipPhone.header(bye, "Call-ID"));
            assertEquals("a-call-2", SipPhone.tag(SipPhone.header(bye, "To")));
            a.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            b.unregister();
        }
    }

    @Test
    public void rfc3261_9_1_callerCancelsWhileRinging_calleeGetsCancelWithTheInviteBranchAtOnce() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            String aInvite = invite(a, "1002", "call-3");
            a.send(aInvite);
            String inv = b.expect("INVITE ", 3000);
            b.reply(SipPhone.response(inv, 180, "Ringing", "b3", "", null));
            a.expect("SIP/2.0 180", 2000);

            String cancel = aInvite.substring(0, aInvite.indexOf("Contact:")).replace("INVITE sip:", "CANCEL sip:")
                .replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL") + "Content-Length: 0\r\n\r\n";
            long t0 = System.nanoTime();
            a.send(cancel);
            String toCallee = b.expect("CANCEL ", 2000);
            long latencyMicros = (System.nanoTime() - t0) / 1000;
            System.out.println("CANCEL relay latency (caller CANCEL sent -> callee CANCEL received): " + latencyMicros + " us");
            assertEquals("RFC 3261 §9.1: the CANCEL carries the branch of the INVITE it cancels",
                SipPhone.branch(inv), SipPhone.branch(toCallee));
            assertTrue("CANCEL relayed in under 50 ms: " + latencyMicros + " us", latencyMicros < 50_000);
            b.reply(SipPhone.response(toCallee, 200, "OK", "b3", "", null));
            b.reply(SipPhone.response(inv, 487, "Request Terminated", "b3", "", null));
            b.expect("ACK ", 2000); // the gateway's client transaction ACKs the 487

            a.expect("SIP/2.0 200", 2000); // for the CANCEL
            a.expect("SIP/2.0 487", 2000);
            b.unregister();
        }
    }

    @Test
    public void aHigherRankedCallRouterTakesOverLiveAndTheDefaultComesBack() throws Exception {
        CallRouter takeover = request -> CompletableFuture.completedFuture(
            new RouteDecision.Reject(403, "Routed by the integrator"));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 100);
        ServiceRegistration<CallRouter> reg = bundleContext.registerService(CallRouter.class, takeover, props);
        try (SipPhone a = new SipPhone(sipPort("udp"))) {
            a.send(invite(a, "4711", "call-7"));
            String r = a.expect("SIP/2.0 403", 2000);
            assertTrue(r, r.startsWith("SIP/2.0 403 Routed by the integrator"));
            reg.unregister();
            reg = null;
            a.send(invite(a, "4711", "call-8"));
            a.expect("SIP/2.0 404", 2000); // the default router again
        } finally {
            if (reg != null) {
                reg.unregister();
            }
        }
    }

    @Test
    public void rfc3261_22_3_aCallerClaimingATenantUserAnswersA407() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            a.send(invite(a, "1002", "call-9", "1001@" + DOMAIN, 1, ""));
            String challenge = a.expect("SIP/2.0 407", 2000);
            assertTrue(challenge, challenge.contains("Proxy-Authenticate: Digest realm=\"" + DOMAIN + "\"")
                && challenge.contains("algorithm=SHA-256") && challenge.contains("algorithm=MD5"));
            a.send(ack(a, challenge));

            String wrong = SipPhone.proxyAuthorization(challenge, "INVITE", "1001", "not-the-password", "sip:1002@" + DOMAIN);
            a.send(invite(a, "1002", "call-9", "1001@" + DOMAIN, 2, wrong));
            a.send(ack(a, a.expect("SIP/2.0 403", 2000)));

            String right = SipPhone.proxyAuthorization(challenge, "INVITE", "1001", "demo1001", "sip:1002@" + DOMAIN);
            a.send(invite(a, "1002", "call-9", "1001@" + DOMAIN, 3, right));
            a.expect("SIP/2.0 180", 2000);
            String inv = b.expect("INVITE ", 3000);
            assertTrue(inv, SipPhone.header(inv, "From").contains("sip:1001@" + DOMAIN));
            assertNull("credentials stay on the caller's leg", SipPhone.header(inv, "Proxy-Authorization"));
            b.reply(SipPhone.response(inv, 486, "Busy Here", "b9", "", null));
            b.expect("ACK ", 2000);
            a.expect("SIP/2.0 486", 2000);
            b.unregister();
        }
    }

    @Test
    public void rfc4028_sessionTimersEndAtTheGatewayWithTheCallerRefreshing() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            a.send(invite(a, "1002", "call-10", "office@127.0.0.1", 1, "Supported: timer\r\nSession-Expires: 30\r\n"));
            String tooSmall = a.expect("SIP/2.0 422", 2000);
            assertEquals("90", SipPhone.header(tooSmall, "Min-SE"));
            a.send(ack(a, tooSmall));

            a.send(invite(a, "1002", "call-10", "office@127.0.0.1", 2, "Supported: timer\r\nSession-Expires: 1800\r\n"));
            String inv = answer(b, "b10");
            assertNull("the callee leg gets no timer of its own", SipPhone.header(inv, "Session-Expires"));
            String ok = a.expect("SIP/2.0 200", 3000);
            assertEquals("1800;refresher=uac", SipPhone.header(ok, "Session-Expires"));
            assertTrue(ok, SipPhone.header(ok, "Require").contains("timer"));
            b.expect("ACK ", 2000);
            a.send(callerRequest(a, "ACK", 2, ok, "call-10"));
            a.send(callerRequest(a, "BYE", 3, ok, "call-10"));
            a.expect("SIP/2.0 200", 2000);
            String bye = b.expect("BYE ", 2000);
            b.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            b.unregister();
        }
    }

    /** The ACK for a non-2xx final response to our INVITE (RFC 3261 §17.1.1.3). */
    private static String ack(SipPhone a, String response) {
        return "ACK sip:1002@" + DOMAIN + " SIP/2.0\r\nVia: " + SipPhone.header(response, "Via") + "\r\nMax-Forwards: 70\r\n"
            + "To: " + SipPhone.header(response, "To") + "\r\nFrom: " + SipPhone.header(response, "From") + "\r\n"
            + "Call-ID: " + SipPhone.header(response, "Call-ID") + "\r\nCSeq: " + SipPhone.header(response, "CSeq").split(" ")[0]
            + " ACK\r\nContent-Length: 0\r\n\r\n";
    }

    /** The demo tenant's configuration pid, as config:list shows it. */
    private String demoTenantPid() throws Exception {
        String list = executeCommand("config:list '(&(service.factoryPid=org.tabphone.tenant)(name=demo))'");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^Pid:\\s+(\\S+)").matcher(list);
        assertTrue(list, m.find());
        return m.group(1);
    }

    @Test
    public void aTenantAtItsMaxCallsGets503() throws Exception {
        String pid = demoTenantPid();
        executeCommand("config:property-set -p " + pid + " max.calls 1");
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            Thread.sleep(500); // the tenant reloads
            String first = invite(a, "1002", "call-limit-1");
            a.send(first);
            String inv = b.expect("INVITE ", 3000);
            b.reply(SipPhone.response(inv, 180, "Ringing", "bl", "", null));
            a.send(invite(a, "1002", "call-limit-2"));
            String refused = a.expect("SIP/2.0 503", 2000);
            assertTrue(refused, refused.contains("Tenant call limit reached") && refused.contains("Retry-After: 5"));
            a.send(ack(a, refused));
            b.expectNone("INVITE ", 300);

            a.send(first.replaceFirst("^INVITE", "CANCEL").replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL")
                .replaceAll("Content-Type: application/sdp\r\nContent-Length: \\d+\r\n\r\n(?s).*", "Content-Length: 0\r\n\r\n"));
            String cancel = b.expect("CANCEL ", 2000);
            b.reply(SipPhone.response(cancel, 200, "OK", "bl", "", null));
            b.reply(SipPhone.response(inv, 487, "Request Terminated", "bl", "", null));
            a.send(ack(a, a.expect("SIP/2.0 487", 2000)));

            a.send(invite(a, "1002", "call-limit-3")); // the slot is free again
            String again = b.expect("INVITE ", 3000);
            b.reply(SipPhone.response(again, 486, "Busy Here", "bm", "", null));
            a.send(ack(a, a.expect("SIP/2.0 486", 3000)));
            b.unregister();
        } finally {
            executeCommand("config:property-set -p " + pid + " max.calls 1000");
        }
    }

    @Test
    public void busyCalleeUnregisteredAndUnknownUsers() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            a.send(invite(a, "1002", "call-4"));
            String inv = b.expect("INVITE ", 3000);
            b.reply(SipPhone.response(inv, 486, "Busy Here", "b4", "", null));
            b.expect("ACK ", 2000);
            a.expect("SIP/2.0 486", 2000);
            b.unregister();

            a.send(invite(a, "1004", "call-5"));
            a.expect("SIP/2.0 480", 2000);
            a.send(invite(a, "4711", "call-6"));
            a.expect("SIP/2.0 404", 2000);
        }
    }
}
