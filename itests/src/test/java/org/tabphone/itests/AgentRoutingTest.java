package org.tabphone.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.tabphone.cdr.api.CdrRecord;
import org.tabphone.routing.api.VirtualNumbers;
import org.tabphone.sip.api.uri.SipUri;

/**
 * Virtual numbers on the wire: a {@link VirtualNumbers} service registered by the test maps
 * numbers of the demo tenant to endpoints by SIP URI (RouteDecision.RingUri); the default router
 * rings them for a caller who is no user. The "bot" is a raw UDP socket that is not registered.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AgentRoutingTest extends TabphoneTestSupport {
    private static final String DOMAIN = "demo.tabphone.test";
    private static final String SDP_A = SipPhone.pcmuSdp(1, 40000);
    private static final String SDP_BOT = "v=0\r\no=bot 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "m=audio 50000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private SipPhone bot;
    private ServiceRegistration<VirtualNumbers> numbers;

    /** A stream agent that connects to the gateway (token, no url), on a free listener port. */
    @Override
    protected Option[] extraOptions() {
        String streamPort = freePort();
        String bot = "etc/org.tabphone.agent-itbot.cfg";
        return new Option[] {
            editConfigurationFilePut("etc/org.tabphone.agents.cfg", "stream.port", streamPort),
            systemProperty("tabphone.test.agents.stream.port").value(streamPort),
            editConfigurationFilePut(bot, "name", "itbot"),
            editConfigurationFilePut(bot, "tenant", "demo"),
            editConfigurationFilePut(bot, "numbers", "897"),
            editConfigurationFilePut(bot, "type", "stream"),
            editConfigurationFilePut(bot, "token", "itbot-token"),
        };
    }

    /**
     * 800 and 803 → the bot's socket; 801 → a host name that never resolves; 802 → a WebSocket URI
     * (not reachable by address). Ranked above the assembly's demo receptionist, which owns 800 too.
     */
    @Before
    public void agentOnVirtualNumbers() throws Exception {
        awaitSipService();
        bot = new SipPhone(sipPort("udp"));
        Map<String, SipUri> endpoints = Map.of(
            "800", SipUri.parse("sip:bot@127.0.0.1:" + bot.port()),
            "801", SipUri.parse("sip:bot@agent.no-such-host.invalid"),
            "802", SipUri.parse("sip:bot@127.0.0.1:" + bot.port() + ";transport=ws"),
            "803", SipUri.parse("sip:bot@127.0.0.1:" + bot.port()));
        VirtualNumbers service = (tenant, number) ->
            tenant.equals("demo") ? Optional.ofNullable(endpoints.get(number)) : Optional.empty();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 1000);
        numbers = bundleContext.registerService(VirtualNumbers.class, service, props);
    }

    @After
    public void removeAgent() {
        if (numbers != null) {
            numbers.unregister();
        }
        bot.close();
    }

    private static String invite(SipPhone a, String to, String callId, String from) {
        return "INVITE sip:" + to + "@" + DOMAIN + " SIP/2.0\r\n" + a.via() + "\r\nMax-Forwards: 70\r\n"
            + "To: <sip:" + to + "@" + DOMAIN + ">\r\nFrom: \"Caller\" <sip:" + from + ">;tag=a-" + callId + "\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:caller@127.0.0.1:" + a.port() + ">\r\n"
            + "Content-Type: application/sdp\r\nContent-Length: " + SDP_A.length() + "\r\n\r\n" + SDP_A;
    }

    /** An in-dialog request from the caller, built from the 200 it got. */
    private static String callerRequest(SipPhone a, String method, int cseq, String ok, String callId) {
        String target = SipPhone.header(ok, "Contact").replaceAll("^.*<([^>]+)>.*$", "$1");
        return method + " " + target + " SIP/2.0\r\n" + a.via() + "\r\nMax-Forwards: 70\r\n"
            + "To: " + SipPhone.header(ok, "To") + "\r\nFrom: " + SipPhone.header(ok, "From") + "\r\n"
            + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\nContent-Length: 0\r\n\r\n";
    }

    /** An in-dialog request from the bot (the UAS of its leg, tag "bot"), to the gateway's Contact in {@code inv}. */
    private String botRequest(String method, int cseq, String inv, String extra) {
        String gw = SipPhone.header(inv, "Contact").replaceAll("^.*<([^>]+)>.*$", "$1");
        return method + " " + gw + " SIP/2.0\r\n" + bot.via() + "\r\nMax-Forwards: 70\r\n"
            + "From: " + SipPhone.header(inv, "To") + ";tag=bot\r\nTo: " + SipPhone.header(inv, "From") + "\r\n"
            + "Call-ID: " + SipPhone.header(inv, "Call-ID") + "\r\nCSeq: " + cseq + " " + method + "\r\n"
            + "Contact: <sip:bot@127.0.0.1:" + bot.port() + ">\r\n" + extra + "Content-Length: 0\r\n\r\n";
    }

    /** The ACK for a non-2xx final response to the caller's INVITE (RFC 3261 §17.1.1.3). */
    private static String ack(String response, String to) {
        return "ACK sip:" + to + "@" + DOMAIN + " SIP/2.0\r\nVia: " + SipPhone.header(response, "Via") + "\r\nMax-Forwards: 70\r\n"
            + "To: " + SipPhone.header(response, "To") + "\r\nFrom: " + SipPhone.header(response, "From") + "\r\n"
            + "Call-ID: " + SipPhone.header(response, "Call-ID") + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
    }

    /** The caller calls 800, the bot answers: returns {INVITE the bot got, 200 the caller got}. */
    private String[] answeredByBot(SipPhone a, String callId, String from) throws Exception {
        a.send(invite(a, "800", callId, from));
        a.expect("SIP/2.0 180", 2000);
        String inv = bot.expect("INVITE ", 3000);
        bot.reply(SipPhone.response(inv, 200, "OK", "bot", "Contact: <sip:bot@127.0.0.1:" + bot.port() + ">\r\n", SDP_BOT));
        String ok = a.expect("SIP/2.0 200", 3000);
        bot.expect("ACK ", 2000);
        a.send(callerRequest(a, "ACK", 1, ok, callId));
        return new String[] {inv, ok};
    }

    @Test
    public void ringUri_anAnonymousCallToAVirtualNumberRingsTheEndpointByItsUri_andByeEndsBothLegs() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp"))) {
            String[] call = answeredByBot(a, "agent-1", "caller-agent-1@127.0.0.1");
            String inv = call[0];
            String ok = call[1];
            assertEquals("sip:bot@127.0.0.1:" + bot.port(), SipPhone.requestUri(inv));
            assertEquals("To is the number the caller dialled (as a PBX keeps it), no tag; the Request-URI the endpoint",
                "sip:800@" + DOMAIN, SipPhone.header(inv, "To").replaceAll("^<(.*)>$", "$1"));
            assertTrue(inv, SipPhone.header(inv, "From").contains("sip:caller-agent-1@127.0.0.1"));
            assertNotEquals("a-agent-1", SipPhone.tag(SipPhone.header(inv, "From")));
            assertNotEquals("the endpoint's leg is a new dialog", "agent-1", SipPhone.header(inv, "Call-ID"));
            assertEquals("1 INVITE", SipPhone.header(inv, "CSeq"));
            assertTrue(inv, SipPhone.header(inv, "Allow").contains("REFER"));
            assertTrue(inv, inv.matches("(?s).*m=audio 2\\d{4} RTP/AVP 0 8 101\r\n.*") && !inv.contains("m=audio 40000"));
            assertTrue(ok, ok.matches("(?s).*m=audio 2\\d{4} RTP/AVP 0\r\n.*") && !ok.contains("m=audio 50000"));
            assertTrue(executeCommand("tabphone:calls").contains("ANSWERED"));

            a.send(callerRequest(a, "BYE", 2, ok, "agent-1"));
            a.expect("SIP/2.0 200", 2000);
            String bye = bot.expect("BYE ", 2000);
            assertEquals(SipPhone.header(inv, "Call-ID"), SipPhone.header(bye, "Call-ID"));
            bot.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            assertTrue(executeCommand("tabphone:calls").contains("0 live"));
        }
        CdrRecord cdr = onlyRecord("caller-agent-1@");
        assertEquals("phone->agent", cdr.direction());
        assertEquals(200, cdr.cause());
        assertEquals("caller", cdr.endedBy());
    }

    @Test
    public void rfc3515_theEndpointReferringTheCallerToAColleagueGets202AndNotify200_andLeaves() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp")); SipPhone bob = new SipPhone(sipPort("udp"))) {
            bob.register("1002", "demo1002", DOMAIN);
            String[] call = answeredByBot(a, "agent-2", "caller-agent-2@127.0.0.1");
            String inv = call[0];
            String ok = call[1];

            // "Bob" is 1002's display name: the agent transfers by name, as a receptionist does
            bot.send(botRequest("REFER", 1, inv, "Refer-To: <sip:bob@" + DOMAIN + ">\r\n"));
            bot.expect("SIP/2.0 202", 2000);
            String trying = bot.expect("NOTIFY ", 2000);
            assertTrue(trying, trying.endsWith("SIP/2.0 100 Trying\r\n") && trying.contains("Event: refer"));
            bot.reply(SipPhone.response(trying, 200, "OK", null, "", null));

            String toBob = bob.expect("INVITE ", 3000);
            assertTrue(toBob, SipPhone.header(toBob, "From").contains("sip:caller-agent-2@127.0.0.1"));
            bob.reply(SipPhone.response(toBob, 200, "OK", "bob", "Contact: <sip:1002@127.0.0.1:" + bob.port() + ">\r\n",
                SDP_BOT));
            bob.expect("ACK ", 2000);

            String done = bot.expect("NOTIFY ", 3000);
            assertTrue(done, done.endsWith("SIP/2.0 200 OK\r\n"));
            assertTrue(done, SipPhone.header(done, "Subscription-State").startsWith("terminated"));
            bot.reply(SipPhone.response(done, 200, "OK", null, "", null));
            bot.send(botRequest("BYE", 2, inv, ""));
            bot.expect("SIP/2.0 200", 2000);
            a.expectNone("BYE ", 300); // the caller stays, now with Bob

            a.send(callerRequest(a, "BYE", 2, ok, "agent-2"));
            a.expect("SIP/2.0 200", 2000);
            String bye = bob.expect("BYE ", 2000);
            bob.reply(SipPhone.response(bye, 200, "OK", null, "", null));
            bot.expectNone("BYE ", 300);
            bob.unregister();
        }
        // one record per segment, newest first: the caller with Bob, then the caller with the agent
        List<CdrRecord> segments = records("caller-agent-2@", 2);
        CdrRecord withBob = segments.get(0);
        CdrRecord withAgent = segments.get(1);
        assertEquals(withAgent.call(), withBob.call());
        assertEquals("phone->agent", withAgent.direction());
        assertEquals("transfer", withAgent.endedBy());
        assertEquals(200, withAgent.cause());
        assertTrue(withAgent.callee(), withAgent.callee().startsWith("sip:800@"));
        assertEquals("phone->phone", withBob.direction());
        assertEquals("caller", withBob.endedBy());
        assertEquals("sip:1002@" + DOMAIN, withBob.callee());
        assertFalse("Bob's segment starts at the REFER, after the agent answered",
            withBob.started().isBefore(withAgent.answered()));
        assertTrue(withBob.answered().isAfter(withBob.started()) && !withAgent.ended().isAfter(withBob.answered()));
    }

    @Test
    public void anEndpointThatCannotBeReachedGivesTheCallerAFinalErrorNotAHang() throws Exception {
        try (SipPhone a = new SipPhone(sipPort("udp"))) {
            a.send(invite(a, "801", "agent-3", "caller-agent-3@127.0.0.1"));
            String unresolved = a.expect("SIP/2.0 503", 15_000); // DNS may take a while to say no
            assertTrue(unresolved, unresolved.contains("agent.no-such-host.invalid"));
            a.send(ack(unresolved, "801"));

            a.send(invite(a, "802", "agent-4", "caller-agent-4@127.0.0.1"));
            String websocket = a.expect("SIP/2.0 502", 2000);
            a.send(ack(websocket, "802"));
            bot.expectNone("INVITE ", 300);
            assertTrue(executeCommand("tabphone:calls").contains("0 live"));
        }
    }

    @Test
    public void withoutTheVirtualNumbersServiceTheNumberIsUnknownAgain() throws Exception {
        numbers.unregister();
        numbers = null;
        try (SipPhone a = new SipPhone(sipPort("udp"))) {
            a.send(invite(a, "803", "agent-5", "caller-agent-5@127.0.0.1"));
            a.send(ack(a.expect("SIP/2.0 404", 2000), "803"));
            bot.expectNone("INVITE ", 300);
        }
    }

    /**
     * tabphone:agents and org.tabphone:type=Agents say whether names are recognised by voice (as
     * the machine's pocketsphinx install says) and where stream agents connect; a real agent
     * socket opened with the token shows as connected and waiting, and is gone once it closes.
     */
    @Test
    public void agentsShowNamesByVoiceAndTheSocketsStreamAgentsOpened() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName mbean = new ObjectName("org.tabphone:type=Agents");
        String listener = "ws://127.0.0.1:" + System.getProperty("tabphone.test.agents.stream.port") + "/agents/";
        assertEquals(listener, jmx.getAttribute(mbean, "StreamListener"));
        boolean pocketsphinx = Files.isExecutable(Path.of("/usr/bin/pocketsphinx_batch"))
            && Files.isRegularFile(Path.of("/usr/share/pocketsphinx/model/en-us/en-us/mdef"));
        assertEquals(pocketsphinx, jmx.getAttribute(mbean, "RecognizerAvailable"));
        String state = (String) jmx.getAttribute(mbean, "RecognizerState");
        assertEquals(state, pocketsphinx, state.isEmpty());
        assertEquals(0L, jmx.getAttribute(mbean, "RecognitionsFailed"));
        String shown = executeCommand("tabphone:agents");
        assertTrue(shown, shown.contains("stream agents connect to " + listener + "<agent name>; 0 sockets open"));
        assertTrue(shown, Pattern.compile(pocketsphinx ? "names by voice: on \\(pocketsphinx\\); \\d+ recognitions"
            : "names by voice: off, DTMF only: \\S").matcher(shown).find());

        WebSocket agent = null;
        for (int i = 0; i < 50 && agent == null; i++) { // 404 until FileInstall has read the itbot .cfg
            try {
                agent = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer itbot-token")
                    .buildAsync(URI.create(listener + "itbot"), new WebSocket.Listener() { }).get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                Thread.sleep(200);
            }
        }
        assertNotEquals("agent itbot could not connect to " + listener, null, agent);
        try {
            assertEquals(1, awaitAttribute(jmx, mbean, "StreamSocketsConnected", 1));
            assertEquals(1, jmx.getAttribute(mbean, "StreamSocketsWaiting"));
            shown = executeCommand("tabphone:agents");
            assertTrue(shown, shown.contains("1 sockets open"));
            assertTrue(shown, Pattern.compile("itbot .*\\| +1 \\(1 waiting\\)").matcher(shown).find());
        } finally {
            agent.abort();
        }
        assertEquals(0, awaitAttribute(jmx, mbean, "StreamSocketsConnected", 0));
    }

    /** The attribute once it equals {@code want}, or its value after 5 s. */
    private static Object awaitAttribute(MBeanServer jmx, ObjectName name, String attribute, Object want) throws Exception {
        Object v = null;
        for (int i = 0; i < 50 && !want.equals(v = jmx.getAttribute(name, attribute)); i++) {
            Thread.sleep(100);
        }
        return v;
    }

    /** The CDR of the one call whose caller URI contains {@code caller} (written shortly after the call ends). */
    private CdrRecord onlyRecord(String caller) throws Exception {
        return records(caller, 1).get(0);
    }
}
