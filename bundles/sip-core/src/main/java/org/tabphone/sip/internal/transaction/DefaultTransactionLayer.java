package org.tabphone.sip.internal.transaction;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.Via;
import org.tabphone.sip.api.transaction.ClientTransaction;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.SipTimer;
import org.tabphone.sip.api.transaction.TransactionLayer;
import org.tabphone.sip.api.transaction.TransactionTimers;
import org.tabphone.sip.api.transaction.TransactionUser;

/**
 * Routes each message to its transaction (RFC 3261 §17.1.3, §17.2.3) or creates one, and
 * hands the user only what the transactions don't absorb.
 */
public final class DefaultTransactionLayer implements TransactionLayer {
    private final TransactionContext ctx;
    private final TransactionTable table = new TransactionTable();
    private final String branchPrefix;
    private final AtomicLong branchCounter = new AtomicLong();

    public DefaultTransactionLayer(TransactionUser user, SipTimer timer, TransactionTimers timers) {
        this.ctx = new TransactionContext(user, timer, timers, table);
        byte[] seed = new byte[8];
        new SecureRandom().nextBytes(seed);
        this.branchPrefix = Via.MAGIC_COOKIE + java.util.HexFormat.of().formatHex(seed) + ".";
    }

    @Override
    public void onMessage(SipMessage message, SipPath path) {
        if (message instanceof SipRequest request) {
            onRequest(request, path);
        } else {
            SipResponse response = (SipResponse) message;
            Transaction tx = table.client(TransactionKey.clientOf(response));
            if (tx != null) {
                tx.onResponse(response);
            } else {
                ctx.user().onStrayResponse(response, path);
            }
        }
    }

    private void onRequest(SipRequest request, SipPath path) {
        TransactionKey key = TransactionKey.server(request);
        Transaction existing = table.server(key);
        if (request.method().equals(SipMethod.ACK)) {
            if (existing instanceof InviteServerCompleted completed) {
                completed.onAck(); // ACK for our non-2xx: the transaction's own business, in Confirmed too
                return;
            }
            InviteServerAccepted accepted = table.acceptedFor(request);
            if (accepted != null) {
                accepted.on2xxAck();
            }
            ctx.user().onAck(request, path); // an ACK for a 2xx is end to end (§17.1.1.3)
            return;
        }
        if (existing != null) {
            existing.onRetransmission();
            return;
        }
        String mergeKey = TransactionTable.mergeKey(request);
        if (mergeKey != null && table.merged(mergeKey) != null && !ctx.user().takesMergedRequest(request, path)) {
            // RFC 3261 §8.2.2.2: same request arrived by another path (a loop or a fork): 482
            path.send(SipResponse.uasReplyTo(request, 482).build(), e -> { });
            return;
        }
        Transaction created;
        AnsweredInvite answered = null;
        if (request.method().equals(SipMethod.INVITE)) {
            created = new InviteServerTransaction(ctx, key, request, path);
        } else {
            ServerTransaction cancelled = null;
            if (request.method().equals(SipMethod.CANCEL)) {
                Transaction invite = table.server(TransactionKey.server(request, SipMethod.INVITE));
                if (invite instanceof InviteServerTransaction ist) {
                    cancelled = ist;
                } else if (invite instanceof AnsweredInvite a) {
                    answered = a;
                }
            }
            created = new NonInviteServerTransaction(ctx, key, request, path, cancelled);
        }
        Transaction raced = table.addServer(created, mergeKey);
        if (raced != null) {
            raced.onRetransmission();
            return;
        }
        if (created instanceof InviteServerTransaction ist) {
            ist.start();
        } else {
            ((NonInviteServerTransaction) created).start();
        }
        if (answered != null) {
            cancelAnswered((NonInviteServerTransaction) created, answered);
            return;
        }
        ctx.user().onRequest((ServerTransaction) created);
    }

    /**
     * RFC 3261 §9.2: the INVITE has its final response, so the CANCEL has no effect on it, its
     * session or its responses; the CANCEL is answered 200 with the same To tag. The user is not told.
     */
    private static void cancelAnswered(NonInviteServerTransaction cancel, AnsweredInvite invite) {
        SipResponse.Builder ok = SipResponse.replyTo(cancel.request(), 200);
        if (invite.toTag() != null && cancel.request().to() != null) {
            ok.toTag(invite.toTag());
        }
        cancel.respond(ok.build());
    }

    @Override
    public ClientTransaction sendRequest(SipRequest request, SipPath path, ClientTransactionListener listener) {
        SipMethod method = request.method();
        if (method.equals(SipMethod.ACK)) {
            throw new IllegalArgumentException("ACK has no client transaction: send it on the path");
        }
        String branch = request.topVia().branch()
            .filter(b -> b.startsWith(Via.MAGIC_COOKIE) && b.length() > Via.MAGIC_COOKIE.length())
            .orElseThrow(() -> new IllegalArgumentException("top Via needs an RFC 3261 branch"));
        TransactionKey key = TransactionKey.client(branch, method);
        ClientTransactionBase tx = method.equals(SipMethod.INVITE)
            ? new InviteClientTransaction(ctx, key, request, path, listener)
            : new NonInviteClientTransaction(ctx, key, request, path, listener);
        if (!table.addClient(tx)) {
            throw new IllegalArgumentException("a client transaction with branch " + branch + " exists");
        }
        tx.start();
        if (method.equals(SipMethod.CANCEL)
                && table.client(TransactionKey.client(branch, SipMethod.INVITE)) instanceof InviteClientTransaction invite) {
            invite.onCancelSent(); // a CANCEL shares its INVITE's branch (RFC 3261 §9.1)
        }
        return tx;
    }

    @Override
    public String newBranch() {
        return branchPrefix + Long.toHexString(branchCounter.incrementAndGet());
    }

    @Override
    public int size() {
        return table.size();
    }

    /** For tests: the RFC 3261 §8.2.2.2 merge index, which must not outlive its transactions. */
    int mergeEntries() {
        return table.mergeEntries();
    }

    @Override
    public void close() {
        table.all().forEach(Transaction::close);
    }
}
