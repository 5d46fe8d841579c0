package org.tabphone.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tabphone.media.internal.RtpRelayTest.firstPacket;
import static org.tabphone.media.internal.RtpRelayTest.receive;
import static org.tabphone.media.internal.RtpRelayTest.rtp;
import static org.tabphone.media.internal.RtpRelayTest.rtpSdp;
import static org.tabphone.media.internal.RtpRelayTest.send;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tabphone.media.api.CallIdentity;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaException;
import org.tabphone.media.api.MediaSession;
import org.tabphone.media.api.MediaSession.Party;
import org.tabphone.media.api.MediaSessionInfo;
import org.tabphone.sdp.api.Direction;
import org.tabphone.sdp.api.SessionDescription;

/**
 * Attended transfer in the media layer (MediaSession#joinPartyOf): A talks to B (session 1) and
 * to C (session 2), having placed or received either call; C's leg joins session 1 in A's place.
 * Real UDP sockets on loopback stand in for the phones: B and C keep the gateway ports they were
 * given, and each keeps receiving one stream (the gateway's SSRC toward it, numbering continued)
 * across the join. The sessions of one person share a media thread, whichever side of them it is.
 */
class SessionJoinTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
    private MediaComponent media;
    private final DatagramSocket[] phones = new DatagramSocket[4];

    @BeforeEach
    void start() throws Exception {
        // two media threads: sessions of different callers land on different ones
        media = new MediaComponent(TestConfigs.media(Map.of("port.min", 41200, "port.max", 41299, "stun.port", 0,
            "threads", 2)));
        for (int i = 0; i < phones.length; i++) {
            phones[i] = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            phones[i].setSoTimeout(2000);
        }
    }

    @AfterEach
    void stop() {
        media.deactivate();
        for (DatagramSocket p : phones) {
            p.close();
        }
    }

    /** A connected call from {@code caller} (RTP at {@code callerPhone}) to {@code callee}: {offer to callee, answer to caller}. */
    private SessionDescription[] call(MediaSession s, DatagramSocket callee) throws Exception {
        SessionDescription offer = s.offerTo("b1", EndpointKind.RTP, PEER);
        SessionDescription answer = s.answerFrom("b1", rtpSdp(callee.getLocalPort(), "0"));
        s.select("b1");
        return new SessionDescription[] {offer, answer};
    }

    private MediaSession open(String call, String caller, DatagramSocket callerPhone) throws Exception {
        return open(call, caller, "sip:x-" + call + "@demo", callerPhone);
    }

    private MediaSession open(String call, String caller, String callee, DatagramSocket callerPhone) throws Exception {
        return media.open(new CallIdentity(call, "demo", caller, callee), rtpSdp(callerPhone.getLocalPort(), "0"), PEER);
    }

    /** A connected call between A and another party; the gateway ports each of them sends to. */
    private record Connected(MediaSession session, int aPort, int otherPort) {
    }

    /** A ({@code a}, {@code sip:1001@demo}) as the {@code aIs} of a call with {@code other} ({@code otherUri}), answered. */
    private Connected connected(String call, Party aIs, DatagramSocket a, DatagramSocket other, String otherUri)
        throws Exception {
        boolean aCalls = aIs == Party.CALLER;
        MediaSession s = aCalls ? open(call, "sip:1001@demo", otherUri, a) : open(call, otherUri, "sip:1001@demo", other);
        SessionDescription[] sdp = call(s, aCalls ? other : a);
        return aCalls ? new Connected(s, port(sdp[1]), port(sdp[0])) : new Connected(s, port(sdp[0]), port(sdp[1]));
    }

    private static Party opposite(Party p) {
        return p == Party.CALLER ? Party.CALLEE : Party.CALLER;
    }

    private static int port(SessionDescription sdp) {
        return sdp.media().get(0).port();
    }

    private MediaSessionInfo info(MediaSession s) {
        return media.sessions().stream().filter(i -> i.id().equals(s.id())).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "A the {0} of call 1 and the {1} of call 2")
    @CsvSource({"CALLER,CALLER", "CALLEE,CALLER", "CALLER,CALLEE", "CALLEE,CALLEE"})
    void theStayingPartiesAreJoinedInPlace_whicheverSideOfEachCallTheTransferorWas(Party aInOne, Party aInTwo)
        throws Exception {
        DatagramSocket a1 = phones[0];
        DatagramSocket b = phones[1];
        DatagramSocket a2 = phones[2];
        DatagramSocket c = phones[3];
        Connected one = connected("c1", aInOne, a1, b, "sip:1002@demo");
        Connected two = connected("c2", aInTwo, a2, c, "sip:1003@demo"); // A in both: the same media thread
        byte[] toBBefore = firstPacket(a1, rtp(0, 10, 1600, 0x1111, (byte) 0x11, 160), one.aPort(), b).getData().clone();
        byte[] toCBefore = firstPacket(a2, rtp(0, 20, 3200, 0x2222, (byte) 0x21, 160), two.aPort(), c).getData().clone();

        one.session().joinPartyOf(opposite(aInOne), two.session(), opposite(aInTwo), "j1");

        // B and C send to the ports they always used: each reaches the other
        byte[] atC = firstPacket(b, rtp(0, 500, 8000, 0x3333, (byte) 0x31, 160), one.otherPort(), c).getData().clone();
        assertEquals((byte) 0x31, atC[12], "B reaches C");
        byte[] atB = firstPacket(c, rtp(0, 700, 9000, 0x4444, (byte) 0x41, 160), two.otherPort(), b).getData().clone();
        assertEquals((byte) 0x41, atB[12], "C reaches B");
        assertEquals(RtpHeader.ssrc(toCBefore, 0), RtpHeader.ssrc(atC, 0), "C keeps the SSRC the gateway sent it");
        assertEquals(RtpHeader.ssrc(toBBefore, 0), RtpHeader.ssrc(atB, 0), "B keeps the SSRC the gateway sent it");
        assertEquals((RtpHeader.sequence(toCBefore, 0) + 1) & 0xFFFF, RtpHeader.sequence(atC, 0),
            "the numbering toward C goes on");
        send(b, rtp(0, 501, 8160, 0x3333, (byte) 0x32, 160), one.otherPort());
        assertEquals((byte) 0x32, receive(c).getData()[12]);
        send(c, rtp(0, 701, 9160, 0x4444, (byte) 0x42, 160), two.otherPort());
        assertEquals((byte) 0x42, receive(b).getData()[12]);

        List<MediaSessionInfo.LegInfo> legs = info(one.session()).legs();
        assertEquals(List.of("caller", "callee:j1"), legs.stream().map(MediaSessionInfo.LegInfo::role).toList(),
            "B's leg is the caller's now, C's the callee's; A's leg is gone");
        assertEquals(List.of(one.otherPort(), two.otherPort()), legs.stream().map(MediaSessionInfo.LegInfo::localPort).toList());
        List<MediaSessionInfo.LegInfo> left = info(two.session()).legs();
        assertEquals(List.of("caller"), left.stream().map(MediaSessionInfo.LegInfo::role).toList(), "session 2 keeps only A's leg");
        assertEquals(two.aPort(), left.get(0).localPort());

        two.session().close(); // A's second leg goes; C's leg, now session 1's, stays
        send(c, rtp(0, 702, 9320, 0x4444, (byte) 0x43, 160), two.otherPort());
        assertEquals((byte) 0x43, receive(b).getData()[12]);
        one.session().close();
        assertEquals(0, media.counters().portsInUse(), "every port released once, none twice");
    }

    @Test
    void aPartyTheTransferorHeldIsOfferedSendrecvOnItsOwnPort_theOtherIsLeftAlone() throws Exception {
        MediaSession one = open("c1", "sip:1001@demo", phones[0]);
        MediaSession two = open("c2", "sip:1001@demo", phones[2]);
        SessionDescription[] toB = call(one, phones[1]);
        call(two, phones[3]);
        // A holds B (re-INVITE a=sendonly, relayed to B, which answers recvonly)
        SessionDescription held = one.reoffer(true, rtpSdp(phones[0].getLocalPort(), "0", "sendonly"));
        assertEquals(Direction.SENDONLY, held.media().get(0).direction());
        one.reanswer(true, rtpSdp(phones[1].getLocalPort(), "0", "recvonly"));
        assertEquals(null, two.resumeOffer(false), "C was never held: nothing to resume");

        one.joinPartyOf(Party.CALLEE, two, Party.CALLEE, "j1");
        SessionDescription resume = one.resumeOffer(true); // B is the caller's leg now
        assertEquals(Direction.SENDRECV, resume.media().get(0).direction());
        assertEquals(port(toB[0]), port(resume), "the port B always used");
        assertEquals(Long.parseLong(held.origin().sessionVersion()) + 1, Long.parseLong(resume.origin().sessionVersion()),
            "the next version of B's SDP");
        assertEquals(null, one.resumeOffer(false), "C was not held");
        one.resumeAnswer(true, rtpSdp(phones[1].getLocalPort(), "0", "sendrecv"));
        assertEquals(null, one.resumeOffer(true), "B is off hold now");
        one.close();
        two.close();
    }

    @Test
    void aCallersFirstFewCallsShareAThread_moreUnderOneNameSpreadOverThem() throws Exception {
        List<MediaSession> load = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) { // a load generator or a trunk: many calls from one From
            load.add(open("l" + i, "sip:load@demo", phones[0]));
        }
        io.netty.channel.EventLoop first = ((AnchoredSession) load.get(0)).loop();
        for (int i = 1; i < 4; i++) {
            assertEquals(first, ((AnchoredSession) load.get(i)).loop(), "call " + i + " shares the caller's thread");
        }
        assertEquals(true, load.subList(4, 6).stream().anyMatch(s -> ((AnchoredSession) s).loop() != first),
            "beyond the first four, the caller's calls go round the threads");
        load.forEach(MediaSession::close);
        MediaSession again = open("l6", "sip:load@demo", phones[0]);
        MediaSession other = open("l7", "sip:other@demo", phones[1]);
        assertEquals(true, ((AnchoredSession) again).loop() != ((AnchoredSession) other).loop(),
            "all closed: the caller's next call starts afresh, round the threads");
        again.close();
        other.close();
        assertEquals(0, media.counters().activeSessions());
    }

    @Test
    void aPersonsCallsEitherWayShareAThread_theCalleeAsDialledCounts() throws Exception {
        // Alice calls the receptionist (dialled by the gateway's address), who then calls Carol, and Dave calls her
        MediaSession called = open("r1", "sip:alice@demo", "sip:1002@127.0.0.1;transport=udp", phones[0]);
        MediaSession unrelated = open("r2", "sip:erin@demo", "sip:frank@demo", phones[1]);
        MediaSession calls = open("r3", "sip:1002@demo.tabphone.test", "sip:carol@demo", phones[2]);
        MediaSession calledAgain = open("r4", "sip:dave@demo", "sip:1002@demo.tabphone.test", phones[3]);
        io.netty.channel.EventLoop hers = ((AnchoredSession) called).loop();
        assertEquals(true, ((AnchoredSession) unrelated).loop() != hers, "other people: the next thread");
        assertEquals(hers, ((AnchoredSession) calls).loop(), "her call out runs where her call in does");
        assertEquals(hers, ((AnchoredSession) calledAgain).loop(), "and her second call in too");
        List.of(called, unrelated, calls, calledAgain).forEach(MediaSession::close);
        assertEquals(0, media.counters().activeSessions());
    }

    @Test
    void sessionsOnDifferentThreadsOrUnconnectedAreNotJoined_andNothingChanges() throws Exception {
        MediaSession one = open("c1", "sip:1001@demo", phones[0]);
        MediaSession other = open("c2", "sip:1002@demo", phones[2]); // another caller: the next thread
        MediaSession ringing = open("c3", "sip:1001@demo", phones[3]); // the first caller again: its thread
        SessionDescription[] toB = call(one, phones[1]);
        assertEquals(491, assertThrows(MediaException.class, () -> one.joinPartyOf(Party.CALLEE, ringing, Party.CALLEE, "j1")).sipStatus());
        call(other, phones[3]);
        assertEquals(488, assertThrows(MediaException.class, () -> one.joinPartyOf(Party.CALLEE, other, Party.CALLEE, "j1")).sipStatus());
        assertEquals(List.of("caller", "callee:b1"), info(one).legs().stream().map(MediaSessionInfo.LegInfo::role).toList());
        assertEquals(2, info(other).legs().size());
        // A and B still talk
        assertEquals((byte) 0x51, firstPacket(phones[0], rtp(0, 1, 160, 5, (byte) 0x51, 160), port(toB[1]), phones[1])
            .getData()[12]);
        one.close();
        other.close();
        ringing.close();
        assertEquals(0, media.counters().portsInUse());
    }
}
