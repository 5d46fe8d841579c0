package org.tabphone.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tabphone.agent.api.AgentCall;
import org.tabphone.agent.api.AgentSession;
import org.tabphone.agent.api.TransferOutcome;
import org.tabphone.agent.api.VoiceAgent;
import org.tabphone.codec.api.AudioCodec;
import org.tabphone.codec.g711.internal.PcmuCodec;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMessages;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.HeaderName;

/**
 * The agents' user agent on real loopback sockets, this test playing the gateway: INVITE → 200
 * with G.711 SDP, RTP every 20 ms, an RFC 4733 digit reaches the agent once, its transfer is a
 * REFER, a failed transfer (NOTIFY 486) keeps the call, a successful one ends with our BYE.
 */
class AgentUserAgentTest {
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private MediaClock clock;
    private AgentUserAgent ua;
    private DatagramSocket gateway;
    private DatagramSocket media;

    /** Transfers to "Alice Smith" on key 1, to 1002 on key 2; says what it hears in {@link #events}. */
    private final VoiceAgent agent = call -> new AgentSession() {
        @Override
        public void onDtmf(char digit) {
            events.add("dtmf " + digit);
            String target = digit == '1' ? "Alice Smith" : "1002";
            call.transfer(target).thenAccept((TransferOutcome o) -> events.add("transfer " + o.status()));
        }

        @Override
        public void onEnd(String reason) {
            events.add("end " + reason);
        }
    };

    @BeforeEach
    void start() throws Exception {
        AgentDefinition reception = new AgentDefinition("reception", "demo", List.of("800"), "test", Optional.empty(),
            Map.of());
        AudioCodec pcmu = new PcmuCodec();
        AgentDirectory directory = new AgentDirectory() {
            public Optional<AgentDefinition> byName(String name) {
                return name.equals("reception") ? Optional.of(reception) : Optional.empty();
            }

            public Optional<VoiceAgent> agentOfType(String type) {
                return type.equals("test") ? Optional.of(agent) : Optional.empty();
            }

            public Optional<AudioCodec> codec(String encoding) {
                return encoding.equals("PCMU") ? Optional.of(pcmu) : Optional.empty();
            }

            public Optional<String> domainOf(String tenant) {
                return Optional.of("demo.test");
            }
        };
        clock = new MediaClock();
        ua = AgentUserAgent.start(new InetSocketAddress("127.0.0.1", 0), directory, clock);
        gateway = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        gateway.setSoTimeout(3000);
        media = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        media.setSoTimeout(3000);
    }

    @AfterEach
    void stop() {
        ua.close();
        clock.close();
        gateway.close();
        media.close();
    }

    @Test
    void answersSpeaksHearsADigitAndTransfersWithRefer() throws Exception {
        send(invite("reception"));
        SipResponse ok = response(200);
        String sdp = new String(ok.body(), StandardCharsets.US_ASCII);
        assertTrue(sdp.contains("m=audio ") && sdp.contains(" RTP/AVP 0 101"), sdp);
        String toTag = ok.to().tag().orElseThrow();
        send(ack(toTag));

        int rtpPort = Integer.parseInt(sdp.replaceAll("(?s).*m=audio (\\d+).*", "$1"));
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            media.receive(p);
            assertEquals(12 + 160, p.getLength(), "20 ms of PCMU");
            assertEquals(0, p.getData()[1] & 0x7F, "payload type PCMU");
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 140 && ms < 600, "10 packets paced at 20 ms took " + ms + " ms");

        for (int i = 0; i < 3; i++) { // RFC 4733 sends an event's packets more than once: one digit
            media.send(new DatagramPacket(dtmf(1, 4000, i == 2), 16, new InetSocketAddress("127.0.0.1", rtpPort)));
        }
        assertEquals("dtmf 1", events.poll(2, TimeUnit.SECONDS));

        SipRequest refer = request("REFER");
        assertEquals("<sip:Alice%20Smith@demo.test>", refer.header(HeaderName.REFER_TO).orElseThrow());
        send(reply(refer, 202));
        send(notify(toTag, 2, "SIP/2.0 486 Busy Here"));
        response(200);
        assertEquals("transfer 486", events.poll(2, TimeUnit.SECONDS), "the caller stays with the agent");

        media.send(new DatagramPacket(dtmf(2, 8000, true), 16, new InetSocketAddress("127.0.0.1", rtpPort)));
        assertEquals("dtmf 2", events.poll(2, TimeUnit.SECONDS));
        refer = request("REFER");
        assertEquals("<sip:1002@demo.test>", refer.header(HeaderName.REFER_TO).orElseThrow());
        send(reply(refer, 202));
        send(notify(toTag, 3, "SIP/2.0 200 OK"));
        response(200);
        SipRequest bye = request("BYE");
        send(reply(bye, 200));
        Set<String> last = new HashSet<>(); // the end comes on the media thread, the outcome on the signalling one
        last.add(events.poll(2, TimeUnit.SECONDS));
        last.add(events.poll(2, TimeUnit.SECONDS));
        assertEquals(Set.of("end transferred", "transfer 200"), last);
    }

    @Test
    void anUnknownAgentIs404AndAnOfferWithoutG711Is488() throws Exception {
        send(invite("nobody"));
        response(404); // not ACKed here: its retransmissions carry the first Call-ID and are skipped below
        send(invite("reception", "9\r\na=rtpmap:9 G722/8000").replace("Call-ID: agent-test", "Call-ID: agent-test-2")
            .replace("branch=z9hG4bKinv", "branch=z9hG4bKinv2"));
        assertEquals(488, response("agent-test-2").statusCode());
    }

    // ---- the gateway's side ----

    private String invite(String agentName) {
        return invite(agentName, "0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000");
    }

    /** An INVITE offering {@code formats} (the m= line's formats, then its a= lines). */
    private String invite(String agentName, String formats) {
        String body = "v=0\r\no=gw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio " + media.getLocalPort() + " RTP/AVP " + formats + "\r\n";
        return "INVITE sip:" + agentName + "@127.0.0.1:" + ua.address().getPort() + " SIP/2.0\r\n"
            + via("inv") + "Max-Forwards: 70\r\n"
            + "From: \"Carol\" <sip:1003@demo.test>;tag=gw1\r\n"
            + "To: <sip:" + agentName + "@127.0.0.1>\r\n"
            + "Call-ID: agent-test\r\nCSeq: 1 INVITE\r\n"
            + "Contact: <sip:gw@127.0.0.1:" + gateway.getLocalPort() + ">\r\n"
            + "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private String ack(String toTag) {
        return "ACK sip:reception@127.0.0.1:" + ua.address().getPort() + " SIP/2.0\r\n" + via("ack")
            + "Max-Forwards: 70\r\nFrom: <sip:1003@demo.test>;tag=gw1\r\nTo: <sip:reception@127.0.0.1>;tag=" + toTag
            + "\r\nCall-ID: agent-test\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
    }

    private String notify(String toTag, int cseq, String sipfrag) {
        return "NOTIFY sip:reception@127.0.0.1:" + ua.address().getPort() + " SIP/2.0\r\n" + via("n" + cseq)
            + "Max-Forwards: 70\r\nFrom: <sip:1003@demo.test>;tag=gw1\r\nTo: <sip:reception@127.0.0.1>;tag=" + toTag
            + "\r\nCall-ID: agent-test\r\nCSeq: " + cseq + " NOTIFY\r\nEvent: refer\r\n"
            + "Subscription-State: terminated;reason=noresource\r\nContent-Type: message/sipfrag\r\n"
            + "Content-Length: " + sipfrag.length() + "\r\n\r\n" + sipfrag;
    }

    private String via(String branch) {
        return "Via: SIP/2.0/UDP 127.0.0.1:" + gateway.getLocalPort() + ";branch=z9hG4bK" + branch + "\r\n";
    }

    private static String reply(SipRequest r, int code) {
        return new String(SipResponse.replyTo(r, code).build().toBytes(), StandardCharsets.UTF_8);
    }

    /** An RFC 4733 packet: payload type 101, event, end bit. */
    private static byte[] dtmf(int event, int timestamp, boolean end) {
        byte[] b = new byte[16];
        b[0] = (byte) 0x80;
        b[1] = 101;
        b[4] = (byte) (timestamp >> 24);
        b[5] = (byte) (timestamp >> 16);
        b[6] = (byte) (timestamp >> 8);
        b[7] = (byte) timestamp;
        b[12] = (byte) event;
        b[13] = (byte) (end ? 0x8A : 0x0A);
        b[15] = (byte) 160;
        return b;
    }

    private void send(String message) throws Exception {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        gateway.send(new DatagramPacket(b, b.length, ua.address()));
    }

    private SipMessage next() throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
        gateway.receive(p);
        return SipMessages.parse(java.util.Arrays.copyOf(p.getData(), p.getLength()), 0, p.getLength());
    }

    private SipResponse response(int code) throws Exception {
        SipResponse r = response("agent-test");
        assertEquals(code, r.statusCode(), r.reasonPhrase());
        return r;
    }

    /** The next final response of call {@code callId}. */
    private SipResponse response(String callId) throws Exception {
        while (true) {
            if (next() instanceof SipResponse r && r.statusCode() != 100 && r.callId().equals(callId)) {
                return r;
            }
        }
    }

    private SipRequest request(String method) throws Exception {
        SipMessage m = next();
        assertTrue(m instanceof SipRequest r && r.method().name().equals(method), "expected " + method + ": " + m);
        return (SipRequest) m;
    }
}
