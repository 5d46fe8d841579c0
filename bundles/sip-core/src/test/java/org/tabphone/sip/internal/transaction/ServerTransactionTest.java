package org.tabphone.sip.internal.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.TransactionLayer;
import org.tabphone.sip.api.transaction.TransactionLayers;
import org.tabphone.sip.api.transaction.TransactionState;
import org.tabphone.sip.api.transaction.TransactionTimers;

/** Server transactions (RFC 3261 §17.2, RFC 6026) on a fake clock and a recording path: no sockets, no sleeps. */
class ServerTransactionTest {
    private final FakeTimer clock = new FakeTimer();
    private final RecordingUser user = new RecordingUser();
    private final TransactionLayer layer = TransactionLayers.create(user, clock, TransactionTimers.DEFAULT);
    private final RecordingPath udp = new RecordingPath(false, clock);
    private final RecordingPath tcp = new RecordingPath(true, clock);

    @Test
    void rfc3261_17_2_1_inviteGets100TryingAtOnceAndTheUserSeesItOnce() {
        SipRequest invite = Messages.request("INVITE", "z9hG4bK-1", 1, null);
        layer.onMessage(invite, udp);
        layer.onMessage(invite, udp); // retransmission
        assertEquals(1, user.requests.size());
        assertEquals(List.of(100, 100), udp.statuses(), "the retransmission gets the latest provisional again");
    }

    @Test
    void rfc3261_17_2_1_timerG_retransmitsTheFinalResponseUntilTheAck_thenTimerI() {
        SipRequest invite = Messages.request("INVITE", "z9hG4bK-2", 1, null);
        layer.onMessage(invite, udp);
        ServerTransaction tx = user.requests.get(0);
        tx.respond(Messages.response(invite, 486, "tt"));
        clock.advance(500 + 1000 + 2000); // G fires at T1, 2*T1, 4*T1 after the response
        assertEquals(List.of(100, 486, 486, 486, 486), udp.statuses());
        assertEquals(List.of(0L, 0L, 500L, 1500L, 3500L), udp.times());
        layer.onMessage(Messages.request("ACK", "z9hG4bK-2", 1, "tt"), udp);
        assertEquals(TransactionState.CONFIRMED, tx.state());
        assertTrue(user.acks.isEmpty(), "the non-2xx ACK is absorbed by the transaction");
        clock.advance(10_000);
        assertEquals(5, udp.sent.size(), "no retransmission after the ACK");
        clock.advance(5000); // Timer I = T4
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, layer.size());
    }

    @Test
    void rfc3261_17_2_1_timerG_capsAtT2_andTimerH_endsAWaitForAnAckThatNeverComes() {
        SipRequest invite = Messages.request("INVITE", "z9hG4bK-3", 1, null);
        layer.onMessage(invite, udp);
        ServerTransaction tx = user.requests.get(0);
        tx.respond(Messages.response(invite, 603, "tt"));
        clock.advance(32_000);
        List<Long> times = udp.times();
        for (int i = 3; i < times.size(); i++) {
            assertTrue(times.get(i) - times.get(i - 1) <= 4000, "interval capped at T2: " + times);
        }
        assertEquals(TransactionState.TERMINATED, tx.state(), "Timer H = 64*T1");
    }

    @Test
    void rfc6026_7_1_acceptedRetransmits2xxUntilTheAckWhichGoesToTheUser() {
        SipRequest invite = Messages.request("INVITE", "z9hG4bK-4", 1, null);
        layer.onMessage(invite, udp);
        ServerTransaction tx = user.requests.get(0);
        tx.respond(Messages.response(invite, 200, "tt"));
        assertEquals(TransactionState.ACCEPTED, tx.state());
        clock.advance(1500);
        assertEquals(List.of(100, 200, 200, 200), udp.statuses());
        layer.onMessage(invite, udp);
        assertEquals(4, udp.sent.size(), "an INVITE retransmission is absorbed in Accepted");
        layer.onMessage(Messages.request("ACK", "z9hG4bK-other", 1, "tt"), udp);
        assertEquals(1, user.acks.size(), "the 2xx ACK is end to end: the user gets it");
        clock.advance(10_000);
        assertEquals(4, udp.sent.size(), "2xx retransmission stopped by the ACK");
        clock.advance(32_000); // Timer L
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertThrows(IllegalStateException.class, () -> tx.respond(Messages.response(invite, 200, "tt")));
    }

    @Test
    void rfc3261_13_3_1_4_a2xxNeverAckedIsReportedSoTheSessionCanBeEnded() {
        SipRequest invite = Messages.request("INVITE", "z9hG4bK-11", 1, null);
        layer.onMessage(invite, udp);
        user.requests.get(0).respond(Messages.response(invite, 200, "tt"));
        clock.advance(31_000);
        assertEquals(0, user.ackTimeouts);
        clock.advance(1_000);
        assertEquals(1, user.ackTimeouts, "Timer L without an ACK");
    }

    @Test
    void rfc3261_17_2_2_nonInviteRetransmissionGetsTheFinalResponseAgainUntilTimerJ() {
        SipRequest options = Messages.request("OPTIONS", "z9hG4bK-5", 7, null);
        layer.onMessage(options, udp);
        layer.onMessage(options, udp);
        assertEquals(List.of(), udp.statuses(), "Trying absorbs a retransmission without an answer");
        user.requests.get(0).respond(Messages.response(options, 200, "x"));
        layer.onMessage(options, udp);
        assertEquals(List.of(200, 200), udp.statuses());
        assertEquals(1, user.requests.size());
        clock.advance(32_000);
        assertEquals(0, layer.size(), "Timer J = 64*T1 over UDP");
        assertEquals(0, ((DefaultTransactionLayer) layer).mergeEntries(), "the merge index empties with the table");
        layer.onMessage(options, udp);
        assertEquals(2, user.requests.size(), "after Timer J the same request is new");
    }

    @Test
    void rfc3261_17_2_reliablePathsNeverRetransmitAndEndAtOnce() {
        SipRequest invite = Messages.request("INVITE", "z9hG4bK-6", 1, null);
        layer.onMessage(invite, tcp);
        user.requests.get(0).respond(Messages.response(invite, 480, "tt"));
        layer.onMessage(Messages.request("ACK", "z9hG4bK-6", 1, "tt"), tcp);
        clock.advance(1);
        assertEquals(List.of(100, 480), tcp.statuses());
        assertEquals(0, layer.size(), "Timer I = 0 on a reliable transport");
    }

    @Test
    void rfc3261_9_2_cancelFindsTheInviteItCancels() {
        SipRequest invite = Messages.request("INVITE", "z9hG4bK-7", 1, null);
        layer.onMessage(invite, udp);
        layer.onMessage(Messages.request("CANCEL", "z9hG4bK-7", 1, null), udp);
        ServerTransaction cancel = user.requests.get(1);
        assertSame(user.requests.get(0), cancel.cancelledInvite().orElseThrow());
        layer.onMessage(Messages.request("CANCEL", "z9hG4bK-nomatch", 1, null, "other", "ft9"), udp);
        assertTrue(user.requests.get(2).cancelledInvite().isEmpty());
    }

    @Test
    void rfc3261_8_2_2_2_mergedRequestGets482() {
        layer.onMessage(Messages.request("INVITE", "z9hG4bK-8a", 1, null), udp);
        layer.onMessage(Messages.request("INVITE", "z9hG4bK-8b", 1, null), udp); // same request, other branch
        assertEquals(1, user.requests.size());
        assertEquals(List.of(100, 482), udp.statuses());
    }

    @Test
    void rfc3261_17_2_3_rfc2543RequestsMatchWithoutABranch() {
        SipRequest old = Messages.request("OPTIONS", "1234", 1, null);
        layer.onMessage(old, udp);
        user.requests.get(0).respond(Messages.response(old, 200, "x"));
        layer.onMessage(old, udp);
        assertEquals(1, user.requests.size());
        assertEquals(List.of(200, 200), udp.statuses());
    }

    @Test
    void aNonInviteTheUserNeverAnswersGets500AndLeavesTheTable() {
        SipRequest options = Messages.request("OPTIONS", "z9hG4bK-10", 1, null);
        layer.onMessage(options, tcp);
        clock.advance(32_000);
        assertEquals(List.of(500), tcp.statuses());
        assertEquals(0, layer.size());
    }

    @Test
    void aSecondFinalResponseIsRefused() {
        SipRequest options = Messages.request("OPTIONS", "z9hG4bK-9", 1, null);
        layer.onMessage(options, udp);
        ServerTransaction tx = user.requests.get(0);
        tx.respond(Messages.response(options, 200, "x"));
        assertThrows(IllegalStateException.class, () -> tx.respond(Messages.response(options, 500, "x")));
    }
}
