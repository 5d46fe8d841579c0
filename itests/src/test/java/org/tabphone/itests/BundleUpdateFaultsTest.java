package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.ObjectName;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.tabphone.routing.api.CallRouter;

/**
 * Issue 12 fault: the codec, the SIP trunk driver and the default router are each updated
 * ({@code bundle:update}) while 20 answered calls run with anchored RTP both ways — 16 from a desk
 * phone, 4 in over a SIP trunk, every other one transcoding PCMU↔PCMA. None may drop: no BYE
 * reaches anyone during the updates, every call's audio keeps reaching its own peer (and only its
 * own), and each then ends with BYE/200 on both sides; afterwards no call, media session or trunk
 * line is left, and a new transcoded trunk call works.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundleUpdateFaultsTest extends TabphoneTestSupport {
    private static final String DOMAIN = "demo.tabphone.test";
    private static final String TRUNK = "faults-in";
    private static final String DID = "+441130000002";
    private static final String[] UPDATED = {"org.tabphone.codec.g711", "org.tabphone.trunk.sip",
        "org.tabphone.routing.defaults"};
    private static final Pattern M_AUDIO = Pattern.compile("(?m)^m=audio (\\d+) RTP/AVP ");
    private static final int CALLS = 20;
    private static final int PCMU = 0;
    private static final int PCMA = 8;

    /** One answered call: who called, the messages its dialogs are built from, and each side's RTP socket. */
    private static final class LiveCall {
        final int n;
        final SipPhone caller;
        final String callId;
        final boolean transcoded;
        final MediaTest.Rtp rtpA;
        final MediaTest.Rtp rtpB;
        final byte[] fromA;
        final byte[] fromB;
        byte[] atA;
        byte[] atB;
        String ok;
        String calleeInvite;

        LiveCall(int n, SipPhone caller, boolean transcoded) throws Exception {
            this.n = n;
            this.caller = caller;
            this.callId = "fault-update-" + n;
            this.transcoded = transcoded;
            this.rtpA = new MediaTest.Rtp();
            this.rtpB = new MediaTest.Rtp();
            this.fromA = fill(0x20 + n);
            this.fromB = fill(0x60 + n);
        }

        String calleeTag() {
            return "bu" + n;
        }
    }

    @Before
    public void sipServiceUp() throws Exception {
        awaitSipService();
    }

    @After
    public void cleanUp() throws Exception {
        for (String line : executeCommand("tabphone:calls").split("\n")) {
            Matcher m = Pattern.compile("^([0-9a-f]{8,}) +\\|").matcher(line);
            if (m.find()) {
                executeCommand("tabphone:hangup " + m.group(1));
            }
        }
        executeCommand("tabphone:trunk-remove " + TRUNK);
        for (String bsn : UPDATED) {
            Bundle b = bundle(bsn);
            if (b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
    }

    @Test
    public void updatingCodecTrunkDriverAndRouterBundlesDropsNoneOfTwentyCalls() throws Exception {
        MediaTest.G711 g711 = MediaTest.G711.load();
        List<LiveCall> calls = new ArrayList<>();
        try (SipPhone office = new SipPhone(sipPort("udp")); SipPhone provider = new SipPhone(sipPort("udp"), "127.0.0.2");
             SipPhone b = new SipPhone(sipPort("udp"))) {
            b.register("1002", "demo1002", DOMAIN);
            executeCommand("tabphone:trunk-add " + TRUNK + " demo 127.0.0.2 inbound.numbers=" + DID + "=1002");
            awaitTrunk("STATIC");
            long answered0 = (Long) calls("Answered");
            long failed0 = (Long) calls("Failed");
            Set<String> seenAtB = new HashSet<>();
            try {
                for (int n = 0; n < CALLS; n++) {
                    LiveCall c = new LiveCall(n, n % 5 == 4 ? provider : office, n % 2 == 1);
                    calls.add(c);
                    setUp(c, b, seenAtB, g711);
                }
                assertEquals("20 calls up:\n" + executeCommand("tabphone:calls"), CALLS, calls("Active"));
                awaitValue("Calls Answered", answered0 + CALLS, () -> calls("Answered")); // counted just after the 200 is sent
                assertEquals("4 of them on the trunk", 4, trunks("InboundLines"));
                assertEquals(CALLS, media("ActiveSessions"));
                assertMediaFlows(calls, "before the updates");

                for (String bsn : UPDATED) {
                    Bundle bundle = bundle(bsn);
                    long revision = bundle.getLastModified();
                    long t0 = System.nanoTime();
                    executeCommand("bundle:update " + bundle.getBundleId());
                    awaitActive(bundle);
                    System.out.println("fault: bundle:update " + bsn + " returned and the bundle is ACTIVE after "
                        + (System.nanoTime() - t0) / 1_000_000 + " ms with " + calls("Active") + " calls up");
                    assertNotEquals(bsn + ": bundle:update made a new revision", revision, bundle.getLastModified());
                    if (bsn.endsWith(".trunk.sip")) {
                        awaitTrunk("STATIC"); // the new driver runs the trunk again
                    }
                    assertMediaFlows(calls, "after bundle:update " + bsn);
                    for (SipPhone p : new SipPhone[] {office, provider, b}) {
                        p.expectNone("BYE ", 200);
                    }
                    assertEquals("no call dropped by bundle:update " + bsn, CALLS, calls("Active"));
                    assertEquals(4, trunks("InboundLines"));
                }
                assertTrue("a CallRouter is registered again", bundleContext.getServiceReference(CallRouter.class) != null);

                for (LiveCall c : calls) {
                    hangUp(c, b);
                }
            } finally {
                calls.forEach(c -> {
                    c.rtpA.close();
                    c.rtpB.close();
                });
            }
            String live = executeCommand("tabphone:calls");
            assertTrue(live, live.contains("0 live"));
            assertEquals("every call ended normally", failed0, calls("Failed"));
            awaitValue("Media ActiveSessions", 0, () -> media("ActiveSessions"));
            awaitValue("Trunks InboundLines", 0, () -> trunks("InboundLines"));
            System.out.println("fault: all " + CALLS + " calls ended with BYE/200 on both sides; tabphone:calls: "
                + live.lines().filter(l -> l.contains("live;")).findFirst().orElse(live));

            // a new call after the updates: in over the trunk (new driver), routed (new router), transcoded (new codecs)
            LiveCall after = new LiveCall(CALLS, provider, true);
            try {
                setUp(after, b, seenAtB, g711);
                assertMediaFlows(List.of(after), "a new call after the updates");
                hangUp(after, b);
            } finally {
                after.rtpA.close();
                after.rtpB.close();
            }
            assertEquals(failed0, calls("Failed"));
            awaitValue("Calls Answered", answered0 + CALLS + 1, () -> calls("Answered"));
            b.unregister();
        }
    }

    /** The caller's INVITE, B's 180 and 200 (PCMA for a transcoded call), the ACKs; then RTP both ways. */
    private void setUp(LiveCall c, SipPhone b, Set<String> seenAtB, MediaTest.G711 g711) throws Exception {
        c.caller.send(invite(c));
        String inv;
        do {
            inv = b.expect("INVITE ", 3000); // a retransmitted INVITE of an earlier call is skipped
        } while (!seenAtB.add(SipPhone.header(inv, "Call-ID")));
        c.calleeInvite = inv;
        b.reply(SipPhone.response(inv, 180, "Ringing", c.calleeTag(), "", null));
        b.reply(SipPhone.response(inv, 200, "OK", c.calleeTag(), "Contact: <sip:1002@127.0.0.1:" + b.port() + ">\r\n",
            c.transcoded ? sdp(c.rtpB.port(), "8", "a=rtpmap:8 PCMA/8000") : sdp(c.rtpB.port(), "0", "a=rtpmap:0 PCMU/8000")));
        c.ok = expectFor(c.caller, "SIP/2.0 200", c.callId, 3000);
        expectFor(b, "ACK ", SipPhone.header(inv, "Call-ID"), 2000);
        c.caller.send(callerRequest(c, "ACK", 1));
        int gwA = audioPort(c.ok);
        int gwB = audioPort(inv);
        c.atB = c.transcoded ? g711.ulawToAlaw(c.fromA) : c.fromA;
        c.atA = c.transcoded ? g711.alawToUlaw(c.fromB) : c.fromB;
        c.rtpA.startSending(gwA, PCMU, k -> c.fromA);
        c.rtpB.startSending(gwB, c.transcoded ? PCMA : PCMU, k -> c.fromB);
    }

    /** Every third call the callee hangs up, the others the caller: BYE and its 200 on both sides. */
    private void hangUp(LiveCall c, SipPhone b) throws Exception {
        c.rtpA.stopSending();
        c.rtpB.stopSending();
        String calleeCallId = SipPhone.header(c.calleeInvite, "Call-ID");
        if (c.n % 3 == 0) {
            String gw = SipPhone.header(c.calleeInvite, "Contact").replaceAll("^.*<([^>]+)>.*$", "$1");
            b.send("BYE " + gw + " SIP/2.0\r\n" + b.via() + "\r\nMax-Forwards: 70\r\nFrom: "
                + SipPhone.header(c.calleeInvite, "To") + ";tag=" + c.calleeTag() + "\r\nTo: "
                + SipPhone.header(c.calleeInvite, "From") + "\r\nCall-ID: " + calleeCallId + "\r\nCSeq: 1 BYE\r\n"
                + "Content-Length: 0\r\n\r\n");
            String bye = expectFor(c.caller, "BYE ", c.callId, 2000);
            c.caller.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            assertTrue(expectFor(b, "SIP/2.0 200", calleeCallId, 2000).contains("1 BYE"));
        } else {
            c.caller.send(callerRequest(c, "BYE", 2));
            String bye = expectFor(b, "BYE ", calleeCallId, 2000);
            b.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            assertTrue(expectFor(c.caller, "SIP/2.0 200", c.callId, 2000).contains("2 BYE"));
        }
    }

    /**
     * For one second, every call's audio reaches its own peer both ways: at least 20 of the ~50
     * packets sent, each with the right payload type and exactly the payload its peer sent
     * (transcoded through the G.711 tables where the legs differ) — never another call's.
     */
    private static void assertMediaFlows(List<LiveCall> calls, String when) throws Exception {
        calls.forEach(c -> {
            c.rtpA.clear();
            c.rtpB.clear();
        });
        Thread.sleep(1000);
        int fewest = Integer.MAX_VALUE;
        for (LiveCall c : calls) {
            List<byte[]> atA = c.rtpA.collect(0);
            List<byte[]> atB = c.rtpB.collect(0);
            String what = when + ", call " + c.n + (c.transcoded ? " (transcoded)" : "");
            assertTrue(what + ": " + atB.size() + " packets reached B", atB.size() >= 20);
            assertTrue(what + ": " + atA.size() + " packets reached A", atA.size() >= 20);
            for (byte[] p : atB) {
                assertEquals(what + ": payload type at B", c.transcoded ? PCMA : PCMU, p[1] & 0x7F);
                assertTrue(what + ": not A's audio at B", Arrays.equals(c.atB, Arrays.copyOfRange(p, 12, p.length)));
            }
            for (byte[] p : atA) {
                assertEquals(what + ": payload type at A", PCMU, p[1] & 0x7F);
                assertTrue(what + ": not B's audio at A", Arrays.equals(c.atA, Arrays.copyOfRange(p, 12, p.length)));
            }
            fewest = Math.min(fewest, Math.min(atA.size(), atB.size()));
        }
        System.out.println("fault: " + when + ": audio flows both ways on all " + calls.size()
            + " calls, at least " + fewest + " packets per direction in 1 s (~50 sent)");
    }

    private static String invite(LiveCall c) {
        SipPhone p = c.caller;
        boolean trunk = !"127.0.0.1".equals(p.host());
        String ruri = trunk ? "sip:" + DID + "@127.0.0.1:" + sipPort("udp") : "sip:1002@" + DOMAIN;
        String to = trunk ? "sip:" + DID + "@127.0.0.1" : ruri;
        String from = trunk ? "+15550100@" + p.host() : "office@127.0.0.1";
        String sdp = sdp(c.rtpA.port(), "0", "a=rtpmap:0 PCMU/8000");
        return "INVITE " + ruri + " SIP/2.0\r\n" + p.via() + "\r\nMax-Forwards: 70\r\nTo: <" + to + ">\r\n"
            + "From: <sip:" + from + ">;tag=a-" + c.callId + "\r\nCall-ID: " + c.callId + "\r\nCSeq: 1 INVITE\r\n"
            + "Contact: <sip:caller@" + p.host() + ":" + p.port() + ">\r\nContent-Type: application/sdp\r\n"
            + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    /** An in-dialog request from the caller, built from the 200 it got. */
    private static String callerRequest(LiveCall c, String method, int cseq) {
        String target = SipPhone.header(c.ok, "Contact").replaceAll("^.*<([^>]+)>.*$", "$1");
        return method + " " + target + " SIP/2.0\r\n" + c.caller.via() + "\r\nMax-Forwards: 70\r\n"
            + "To: " + SipPhone.header(c.ok, "To") + "\r\nFrom: " + SipPhone.header(c.ok, "From") + "\r\n"
            + "Call-ID: " + c.callId + "\r\nCSeq: " + cseq + " " + method + "\r\nContent-Length: 0\r\n\r\n";
    }

    private static String sdp(int port, String formats, String rtpmap) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port + " RTP/AVP "
            + formats + "\r\n" + rtpmap + "\r\n";
    }

    /** The next message starting with {@code prefix} of dialog {@code callId}; a retransmission of another call's is skipped. */
    private static String expectFor(SipPhone p, String prefix, String callId, int millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            int left = (int) (deadline - System.currentTimeMillis());
            if (left <= 0) {
                fail("no '" + prefix + "' for " + callId + " within " + millis + " ms");
            }
            String m = p.expect(prefix, left);
            if (callId.equals(SipPhone.header(m, "Call-ID"))) {
                return m;
            }
        }
    }

    private static int audioPort(String message) {
        Matcher m = M_AUDIO.matcher(message);
        assertTrue("no RTP/AVP audio line in: " + message, m.find());
        return Integer.parseInt(m.group(1));
    }

    private static byte[] fill(int value) {
        byte[] b = new byte[160];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private Bundle bundle(String bsn) {
        return Arrays.stream(bundleContext.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).findFirst()
            .orElseThrow(() -> new AssertionError("no bundle " + bsn));
    }

    private static void awaitActive(Bundle bundle) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (bundle.getState() != Bundle.ACTIVE) {
            if (System.currentTimeMillis() > deadline) {
                fail(bundle.getSymbolicName() + " is in state " + bundle.getState() + ", not ACTIVE");
            }
            Thread.sleep(20);
        }
    }

    private void awaitTrunk(String expected) throws Exception {
        String out = "";
        for (int i = 0; i < 100; i++) {
            out = executeCommand("tabphone:trunks");
            if (out.lines().anyMatch(l -> l.startsWith(TRUNK + " ") && l.contains(expected))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("trunk " + TRUNK + " never showed '" + expected + "':\n" + out);
    }

    private interface Attribute {
        Object get() throws Exception;
    }

    private static void awaitValue(String what, long expected, Attribute attribute) throws Exception {
        Object v = null;
        for (int i = 0; i < 40; i++) {
            v = attribute.get();
            if (((Number) v).longValue() == expected) {
                return;
            }
            Thread.sleep(50);
        }
        fail(what + " is " + v + ", not " + expected);
    }

    private static Object calls(String attribute) throws Exception {
        return mbean("Calls", attribute);
    }

    private static Object media(String attribute) throws Exception {
        return mbean("Media", attribute);
    }

    private static Object trunks(String attribute) throws Exception {
        return mbean("Trunks", attribute);
    }

    private static Object mbean(String type, String attribute) throws Exception {
        Object v = ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName("org.tabphone:type=" + type),
            attribute);
        assertNotNull(type + "." + attribute, v);
        return v;
    }
}
