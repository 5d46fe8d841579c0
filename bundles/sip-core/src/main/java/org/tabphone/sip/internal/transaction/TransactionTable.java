package org.tabphone.sip.internal.transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.tabphone.sip.api.SipRequest;

/**
 * Live transactions by key, the Accepted INVITE server transactions by dialog key (to stop 2xx
 * retransmission when the ACK comes on its own branch) and new requests by their merge key
 * (RFC 3261 §8.2.2.2). Thread-safe.
 */
final class TransactionTable {
    private final Map<TransactionKey, Transaction> servers = new ConcurrentHashMap<>();
    private final Map<TransactionKey, ClientTransactionBase> clients = new ConcurrentHashMap<>();
    private final Map<String, InviteServerTransaction> accepted = new ConcurrentHashMap<>();
    private final Map<String, TransactionKey> merge = new ConcurrentHashMap<>();
    /** The merge key each server transaction was indexed under, so it leaves with its transaction. */
    private final Map<TransactionKey, String> mergeKeyOf = new ConcurrentHashMap<>();

    Transaction server(TransactionKey key) {
        return servers.get(key);
    }

    /** Adds a new server transaction; returns the one already there for the same key, if any. */
    Transaction addServer(Transaction tx, String mergeKey) {
        Transaction existing = servers.putIfAbsent(tx.key(), tx);
        if (existing == null && mergeKey != null && merge.putIfAbsent(mergeKey, tx.key()) == null) {
            mergeKeyOf.put(tx.key(), mergeKey);
        }
        return existing;
    }

    /** The key of the live transaction that took a request with this merge key, or null. */
    TransactionKey merged(String mergeKey) {
        TransactionKey k = merge.get(mergeKey);
        if (k != null && !servers.containsKey(k)) {
            merge.remove(mergeKey, k);
            return null;
        }
        return k;
    }

    ClientTransactionBase client(TransactionKey key) {
        return key == null ? null : clients.get(key);
    }

    boolean addClient(ClientTransactionBase tx) {
        return clients.putIfAbsent(tx.key(), tx) == null;
    }

    void accepted(InviteServerTransaction tx) {
        accepted.put(tx.dialogKey(), tx);
    }

    InviteServerTransaction acceptedFor(SipRequest ack) {
        return accepted.get(dialogKey(ack));
    }

    void remove(Transaction tx) {
        if (tx instanceof ClientTransactionBase c) {
            clients.remove(c.key(), c);
        } else {
            if (servers.remove(tx.key(), tx)) {
                String mergeKey = mergeKeyOf.remove(tx.key());
                if (mergeKey != null) {
                    merge.remove(mergeKey, tx.key());
                }
            }
            if (tx instanceof InviteServerTransaction ist) {
                accepted.remove(ist.dialogKey(), ist);
            }
        }
    }

    int size() {
        return servers.size() + clients.size();
    }

    /** Entries of the merge index (for tests: it must empty with the transactions). */
    int mergeEntries() {
        return merge.size();
    }

    List<Transaction> all() {
        List<Transaction> all = new ArrayList<>(servers.values());
        all.addAll(clients.values());
        return all;
    }

    /** INVITE and its 2xx ACK share Call-ID, CSeq number and From tag. */
    String dialogKey(SipRequest r) {
        return r.callId() + "|" + r.cseq().number() + "|" + r.from().tag().orElse("");
    }

    /** RFC 3261 §8.2.2.2: a request without To tag is the same request if From tag, Call-ID and CSeq match. */
    static String mergeKey(SipRequest r) {
        if (r.to().tag().isPresent()) {
            return null;
        }
        return r.callId() + "|" + r.from().tag().orElse("") + "|" + r.cseq().number() + "|" + r.cseq().method().name();
    }
}
