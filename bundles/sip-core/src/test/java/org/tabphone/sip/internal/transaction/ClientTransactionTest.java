package org.tabphone.sip.internal.transaction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.transaction.ClientTransaction;
import org.tabphone.sip.api.transaction.TransactionLayer;
import org.tabphone.sip.api.transaction.TransactionLayers;
import org.tabphone.sip.api.transaction.TransactionState;
import org.tabphone.sip.api.transaction.TransactionTimers;

/** Client transactions (RFC 3261 §17.1, RFC 6026) on a fake clock. */
class ClientTransactionTest {
    private final FakeTimer clock = new FakeTimer();
    private final RecordingUser user = new RecordingUser();
    private final TransactionLayer layer = TransactionLayers.create(user, clock, TransactionTimers.DEFAULT);
    private final RecordingPath udp = new RecordingPath(false, clock);
    private final RecordingPath tcp = new RecordingPath(true, clock);

    private SipRequest invite() {
        return Messages.request("INVITE", layer.newBranch(), 1, null);
    }

    @Test
    void rfc3261_17_1_1_2_timerA_doubles_until_timerB() {
        ClientTransaction tx = layer.sendRequest(invite(), udp, user);
        clock.advance(40_000);
        assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L), udp.times());
        assertEquals(1, user.timeouts, "Timer B = 64*T1 = 32 s");
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, layer.size());
    }

    @Test
    void rfc3261_17_1_1_2_provisionalStopsRetransmissionsAndTimerB() {
        SipRequest req = invite();
        layer.sendRequest(req, udp, user);
        layer.onMessage(Messages.response(req, 180, "tt"), udp);
        clock.advance(100_000);
        assertEquals(1, udp.sent.size());
        assertEquals(0, user.timeouts);
        assertEquals(180, user.responses.get(0).statusCode());
    }

    @Test
    void rfc3261_9_1_aCancelledInviteWithoutFinalResponseEnds64T1AfterTheCancel() {
        SipRequest req = invite();
        ClientTransaction tx = layer.sendRequest(req, udp, user);
        layer.onMessage(Messages.response(req, 180, "tt"), udp);
        clock.advance(100_000); // ringing for long: nothing ends a Proceeding INVITE by itself
        assertEquals(TransactionState.PROCEEDING, tx.state());
        layer.sendRequest(Messages.request("CANCEL", req.topVia().branch().orElseThrow(), 1, null), udp, user);
        clock.advance(31_999);
        assertEquals(TransactionState.PROCEEDING, tx.state(), "not before 64*T1");
        clock.advance(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(2, user.timeouts, "the INVITE and its unanswered CANCEL (Timer F) both time out");
        assertEquals(0, layer.size(), "no transaction outlives a peer that never answers");
    }

    @Test
    void rfc3261_9_1_aCancelledInviteThatGets487EndsAsUsual() {
        SipRequest req = invite();
        ClientTransaction tx = layer.sendRequest(req, udp, user);
        layer.onMessage(Messages.response(req, 180, "tt"), udp);
        SipRequest cancel = Messages.request("CANCEL", req.topVia().branch().orElseThrow(), 1, null);
        layer.sendRequest(cancel, udp, user);
        layer.onMessage(Messages.response(cancel, 200, "tt"), udp);
        layer.onMessage(Messages.response(req, 487, "tt"), udp);
        clock.advance(64_000);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, user.timeouts, "a 487 is the INVITE's final response, no timeout reported");
    }

    @Test
    void rfc3261_17_1_1_3_non2xxIsAckedWithTheSameBranchAndTheAckResentForARetransmission() {
        SipRequest req = invite();
        layer.sendRequest(req, udp, user);
        layer.onMessage(Messages.response(req, 486, "tt"), udp);
        layer.onMessage(Messages.response(req, 486, "tt"), udp);
        assertEquals(List.of("INVITE", "ACK", "ACK"), udp.methods());
        SipRequest ack = (SipRequest) udp.sent.get(1).message();
        assertEquals(req.topVia().branch(), ack.topVia().branch());
        assertEquals("tt", ack.to().tag().orElseThrow());
        assertEquals(1, ack.cseq().number());
        assertEquals(1, user.responses.size(), "the retransmitted final response is absorbed");
        clock.advance(32_000);
        assertEquals(0, layer.size(), "Timer D");
    }

    @Test
    void rfc6026_8_4_every2xxGoesToTheUserWhileAccepted() {
        SipRequest req = invite();
        layer.sendRequest(req, udp, user);
        layer.onMessage(Messages.response(req, 200, "fork-a"), udp);
        layer.onMessage(Messages.response(req, 200, "fork-b"), udp);
        layer.onMessage(Messages.response(req, 200, "fork-a"), udp);
        assertEquals(3, user.responses.size());
        assertEquals(List.of("INVITE"), udp.methods(), "2xx ACKs are the user's to send");
        clock.advance(32_000); // Timer M
        layer.onMessage(Messages.response(req, 200, "fork-a"), udp);
        assertEquals(1, user.stray.size(), "after Timer M a 2xx is stray");
    }

    @Test
    void rfc3261_17_1_2_2_timerE_capsAtT2_and_timerF_timesOut() {
        layer.sendRequest(Messages.request("OPTIONS", layer.newBranch(), 2, null), udp, user);
        clock.advance(32_000);
        List<Long> t = udp.times();
        assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L), t.subList(0, 7));
        assertEquals(1, user.timeouts);
    }

    @Test
    void rfc3261_17_1_2_2_finalResponseCompletesAndTimerKEndsIt() {
        SipRequest req = Messages.request("REGISTER", layer.newBranch(), 3, null);
        layer.sendRequest(req, udp, user);
        layer.onMessage(Messages.response(req, 100, null), udp);
        layer.onMessage(Messages.response(req, 200, "r"), udp);
        layer.onMessage(Messages.response(req, 200, "r"), udp);
        assertEquals(2, user.responses.size(), "100 and one 200");
        clock.advance(5000);
        assertEquals(0, layer.size(), "Timer K = T4");
    }

    @Test
    void rfc3261_17_1_reliablePathsAreNotRetransmitted() {
        layer.sendRequest(Messages.request("OPTIONS", layer.newBranch(), 2, null), tcp, user);
        clock.advance(31_000);
        assertEquals(1, tcp.sent.size());
        clock.advance(1_000);
        assertEquals(1, user.timeouts, "Timer F still bounds the wait");
    }

    @Test
    void rfc3261_17_1_4_aSendFailureIsReportedOnce() {
        udp.failWith = new IOException("refused");
        layer.sendRequest(invite(), udp, user);
        clock.advance(40_000);
        assertEquals(1, user.transportErrors);
        assertEquals(0, user.timeouts);
        assertEquals(0, layer.size());
    }

    @Test
    void requestsNeedAnRfc3261BranchAndAckHasNoTransaction() {
        assertThrows(IllegalArgumentException.class,
            () -> layer.sendRequest(Messages.request("OPTIONS", "old-style", 1, null), udp, user));
        assertThrows(IllegalArgumentException.class,
            () -> layer.sendRequest(Messages.request("ACK", layer.newBranch(), 1, "x"), udp, user));
        assertTrue(layer.newBranch().startsWith("z9hG4bK"));
    }

    // --- the waiting states keep only what RFC 3261 §17.1 needs (see Transaction) ------------

    @Test
    void rfc3261_17_1_1_2_completed_eachRetransmittedFinalResponseGetsTheSameAckOctets() {
        SipRequest req = invite();
        ClientTransaction tx = layer.sendRequest(req, udp, user);
        layer.onMessage(Messages.response(req, 486, "tt"), udp);
        byte[] ack = udp.sent.get(1).message().toBytes();
        clock.advance(1_000);
        layer.onMessage(Messages.response(req, 486, "tt"), udp);
        clock.advance(30_000);
        layer.onMessage(Messages.response(req, 486, "tt"), udp);
        assertEquals(List.of("INVITE", "ACK", "ACK", "ACK"), udp.methods());
        assertArrayEquals(ack, udp.sent.get(2).message().toBytes());
        assertArrayEquals(ack, udp.sent.get(3).message().toBytes());
        assertEquals(1, user.responses.size());
        assertEquals(TransactionState.COMPLETED, tx.state());
        clock.advance(1_000);
        assertEquals(TransactionState.TERMINATED, tx.state(), "Timer D = 32 s");
        layer.onMessage(Messages.response(req, 486, "tt"), udp);
        assertEquals(1, user.stray.size(), "after Timer D the response matches nothing");
    }

    @Test
    void completedClientTransactionsKeepNeitherMessagesNorListeners_acceptedKeepsItsListener() {
        RecordingUser finished = new RecordingUser();
        RecordingUser ringing = new RecordingUser();
        SipRequest failed = invite();
        SipRequest answered = invite();
        SipRequest bye = Messages.request("BYE", layer.newBranch(), 2, "tt");
        layer.sendRequest(failed, udp, finished);
        layer.sendRequest(bye, udp, finished);
        layer.sendRequest(answered, udp, ringing);
        layer.onMessage(Messages.response(failed, 486, "t1"), udp);
        layer.onMessage(Messages.response(bye, 200, "tt"), udp);
        Set<Object> heldByTheTest = Set.of(user, udp, tcp, ringing);
        assertEquals(List.of(answered), Reachability.instancesOf(SipMessage.class, heldByTheTest, layer, clock),
            "only the request of the INVITE still in Calling; not the failed INVITE's, its ACK's or the BYE's");
        assertEquals(List.of(), Reachability.instancesOf(RecordingUser.class, heldByTheTest, layer, clock),
            "nor the listener of the completed ones");
        layer.onMessage(Messages.response(answered, 200, "t2"), udp);
        assertEquals(List.of(answered), Reachability.instancesOf(SipMessage.class, heldByTheTest, layer, clock));
        assertEquals(List.of(ringing), Reachability.instancesOf(RecordingUser.class, Set.of(user, udp, tcp), layer, clock),
            "Accepted (RFC 6026 §7.2) passes each 2xx to its listener, so it keeps it (and the request the API gives)");
        clock.advance(32_000);
        assertEquals(0, layer.size());
    }
}
