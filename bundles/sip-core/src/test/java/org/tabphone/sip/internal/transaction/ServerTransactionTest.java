package org.tabphone.sip.internal.transaction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.HeaderName;
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

    // --- the waiting states keep only the response's octets (see Transaction) ---------------

    @Test
    void rfc3261_17_2_1_completed_resendsTheSameOctetsForEachRetransmission_confirmedAbsorbsAll() {
        SipRequest invite = Messages.request("INVITE", "z9hG4bK-20", 1, null);
        layer.onMessage(invite, udp);
        user.requests.get(0).respond(SipResponse.replyTo(invite, 486).toTag("tt")
            .set(HeaderName.RETRY_AFTER, "30").set(HeaderName.WARNING, "399 gw \"busy\"").build());
        byte[] first = udp.sent.get(1).message().toBytes();
        clock.advance(100);
        layer.onMessage(invite, udp); // the INVITE again
        clock.advance(20_000); // Timer G resends too
        layer.onMessage(invite, udp);
        List<SipMessage> resent = udp.sent.subList(2, udp.sent.size()).stream().map(RecordingPath.Sent::message).toList();
        assertTrue(resent.size() >= 8, "two for the INVITEs, the rest Timer G: " + resent.size());
        for (SipMessage m : resent) {
            assertArrayEquals(first, m.toBytes(), "octet for octet the first 486");
        }
        SipRequest ack = Messages.request("ACK", "z9hG4bK-20", 1, "tt");
        layer.onMessage(ack, udp);
        int sent = udp.sent.size();
        layer.onMessage(invite, udp);
        layer.onMessage(ack, udp);
        assertEquals(sent, udp.sent.size(), "Confirmed: the INVITE is absorbed");
        assertTrue(user.acks.isEmpty(), "Confirmed: a retransmitted non-2xx ACK is absorbed too");
        assertEquals(TransactionState.CONFIRMED, user.requests.get(0).state());
    }

    @Test
    void rfc6026_7_1_accepted_resendsThe2xxOctetForOctet_untilTheAck_thenAbsorbsAndPassesAcks() {
        SipRequest invite = Messages.request("INVITE", "z9hG4bK-21", 1, null);
        layer.onMessage(invite, udp);
        ServerTransaction tx = user.requests.get(0);
        tx.respond(Messages.response(invite, 200, "tt").toBuilder()
            .set(HeaderName.CONTACT, "<sip:gw@192.0.2.9>")
            .body("v=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\n".getBytes(StandardCharsets.US_ASCII), "application/sdp")
            .build());
        byte[] first = udp.sent.get(1).message().toBytes();
        clock.advance(500 + 1000);
        assertEquals(4, udp.sent.size());
        assertArrayEquals(first, udp.sent.get(2).message().toBytes());
        assertArrayEquals(first, udp.sent.get(3).message().toBytes());
        SipRequest ack = Messages.request("ACK", "z9hG4bK-21ack", 1, "tt");
        layer.onMessage(ack, udp);
        layer.onMessage(invite, udp);
        clock.advance(10_000);
        assertEquals(4, udp.sent.size(), "after the ACK: no 2xx resent, the INVITE absorbed");
        layer.onMessage(ack, udp);
        assertEquals(2, user.acks.size(), "every 2xx ACK goes to the user (end to end)");
        assertEquals(TransactionState.ACCEPTED, tx.state());
        assertEquals(0, user.ackTimeouts);
    }

    @Test
    void rfc3261_17_2_2_completed_resendsTheSameOctetsForEachRetransmissionUntilTimerJ() {
        SipRequest bye = Messages.request("BYE", "z9hG4bK-22", 2, "tt");
        layer.onMessage(bye, udp);
        ServerTransaction tx = user.requests.get(0);
        tx.respond(SipResponse.replyTo(bye, 200).set(HeaderName.SUPPORTED, "timer, outbound").build());
        byte[] first = udp.sent.get(0).message().toBytes();
        clock.advance(1_000);
        layer.onMessage(bye, udp);
        clock.advance(30_999);
        layer.onMessage(bye, udp);
        assertEquals(3, udp.sent.size());
        assertArrayEquals(first, udp.sent.get(1).message().toBytes());
        assertArrayEquals(first, udp.sent.get(2).message().toBytes());
        assertEquals(TransactionState.COMPLETED, tx.state());
        clock.advance(1);
        assertEquals(TransactionState.TERMINATED, tx.state(), "Timer J = 64*T1 after the response");
        assertEquals(0, layer.size());
    }

    @Test
    void rfc3261_9_2_aCancelForAnAnsweredInviteGets200WithItsToTag_andTheUserIsNotTold() {
        for (int code : new int[] {200, 486}) {
            String branch = "z9hG4bK-23-" + code;
            SipRequest invite = Messages.request("INVITE", branch, 1, null, "call-" + code, "ft" + code);
            layer.onMessage(invite, udp);
            int users = user.requests.size();
            user.requests.get(users - 1).respond(Messages.response(invite, code, "tag" + code));
            SipRequest cancel = Messages.request("CANCEL", branch, 1, null, "call-" + code, "ft" + code);
            layer.onMessage(cancel, udp);
            SipResponse ok = (SipResponse) udp.sent.get(udp.sent.size() - 1).message();
            assertEquals(200, ok.statusCode());
            assertEquals("CANCEL", ok.cseq().method().name());
            assertEquals("tag" + code, ok.to().tag().orElseThrow(), "the To tag of the INVITE's final response");
            assertEquals(users, user.requests.size(), "the CANCEL has no effect: the user is not told");
            layer.onMessage(cancel, udp);
            assertArrayEquals(ok.toBytes(), udp.sent.get(udp.sent.size() - 1).message().toBytes(), "retransmitted CANCEL");
        }
    }

    @Test
    void waitingServerTransactionsKeepNoMessageAndNotTheTransactionTheUserHolds() {
        SipRequest accepted = Messages.request("INVITE", "z9hG4bK-24a", 1, null, "c-a", "fa");
        SipRequest completed = Messages.request("INVITE", "z9hG4bK-24b", 1, null, "c-b", "fb");
        SipRequest confirmed = Messages.request("INVITE", "z9hG4bK-24c", 1, null, "c-c", "fc");
        SipRequest bye = Messages.request("BYE", "z9hG4bK-24d", 2, "tt", "c-d", "fd");
        for (SipRequest r : List.of(accepted, completed, confirmed, bye)) {
            layer.onMessage(r, udp);
        }
        user.requests.get(0).respond(Messages.response(accepted, 200, "ta"));
        user.requests.get(1).respond(Messages.response(completed, 486, "tb"));
        user.requests.get(2).respond(Messages.response(confirmed, 486, "tc"));
        user.requests.get(3).respond(Messages.response(bye, 200, null));
        layer.onMessage(Messages.request("ACK", "z9hG4bK-24a-ack", 1, "ta", "c-a", "fa"), udp);
        layer.onMessage(Messages.request("ACK", "z9hG4bK-24c", 1, "tc", "c-c", "fc"), udp);
        assertEquals(4, layer.size());
        Set<Object> heldByTheTest = Set.of(user, udp, tcp);
        assertEquals(List.of(), Reachability.instancesOf(SipMessage.class, heldByTheTest, layer, clock),
            "the layer and its timer keep octets, not messages");
        assertEquals(List.of(), Reachability.instancesOf(ServerTransaction.class, heldByTheTest, layer, clock),
            "nor the transactions their user holds (and what the user hung on them)");
        clock.advance(32_000);
        assertEquals(0, layer.size());
    }

    @Test
    void rfc3261_17_2_4_aFinalResponseThatCannotBeSentEndsTheTransactionAndItsTimers() {
        for (int code : new int[] {200, 486}) {
            RecordingPath failing = new RecordingPath(false, clock);
            SipRequest invite = Messages.request("INVITE", "z9hG4bK-25-" + code, 1, null, "c" + code, "f" + code);
            layer.onMessage(invite, failing);
            ServerTransaction tx = user.requests.get(user.requests.size() - 1);
            failing.failWith = new java.io.IOException("flow closed");
            tx.respond(Messages.response(invite, code, "tt"));
            assertEquals(TransactionState.TERMINATED, tx.state());
            assertEquals(0, layer.size());
            clock.advance(40_000);
            assertEquals(2, failing.sent.size(), "100 and the final response, never resent: " + failing.statuses());
        }
        assertEquals(0, user.ackTimeouts);
    }
}
