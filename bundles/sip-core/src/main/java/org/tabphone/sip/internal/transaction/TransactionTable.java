package org.tabphone.sip.internal.transaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.tabphone.sip.api.SipRequest;

/**
 * Live transactions by key (a transaction, or the successor waiting out its last timer), the
 * Accepted INVITE server transactions not yet ACKed by dialog key (to stop 2xx retransmission when
 * the ACK comes on its own branch) and new requests by their merge key (RFC 3261 §8.2.2.2).
 * Thread-safe.
 */
final class TransactionTable {
    private final Map<TransactionKey, Transaction> servers = new ConcurrentHashMap<>();
    private final Map<TransactionKey, Transaction> clients = new ConcurrentHashMap<>();
    private final Map<String, InviteServerAccepted> accepted = new ConcurrentHashMap<>();
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

    Transaction client(TransactionKey key) {
        return key == null ? null : clients.get(key);
    }

    boolean addClient(ClientTransactionBase tx) {
        return clients.putIfAbsent(tx.key(), tx) == null;
    }

    void accepted(String dialogKey, InviteServerAccepted tx) {
        accepted.put(dialogKey, tx);
    }

    void notAccepted(String dialogKey, InviteServerAccepted tx) {
        accepted.remove(dialogKey, tx);
    }

    InviteServerAccepted acceptedFor(SipRequest ack) {
        return accepted.get(dialogKey(ack));
    }

    /** {@code next} takes {@code tx}'s place under the same key (and merge key); no-op if tx has left. */
    void replace(Transaction tx, Transaction next) {
        if (!clients.replace(tx.key(), tx, next)) {
            servers.replace(tx.key(), tx, next);
        }
    }

    void remove(Transaction tx) {
        clients.remove(tx.key(), tx);
        if (servers.remove(tx.key(), tx)) {
            String mergeKey = mergeKeyOf.remove(tx.key());
            if (mergeKey != null) {
                merge.remove(mergeKey, tx.key());
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
    static String dialogKey(SipRequest r) {
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
