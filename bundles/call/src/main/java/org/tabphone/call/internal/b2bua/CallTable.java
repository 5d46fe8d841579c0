package org.tabphone.call.internal.b2bua;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.tabphone.sip.api.dialog.DialogId;
import org.tabphone.sip.api.transaction.ServerTransaction;

/**
 * Live calls by id, by the dialog id of each leg (for in-dialog requests), and by the caller's
 * INVITE transaction (for its CANCEL, RFC 3261 §9.2). Thread-safe.
 */
final class CallTable {
    private final Map<String, Call> byId = new ConcurrentHashMap<>();
    private final Map<DialogId, Call> byDialog = new ConcurrentHashMap<>();
    private final Map<ServerTransaction, Call> byInvite = new ConcurrentHashMap<>();
    /** Each call's dialog ids, so ending a call removes its entries without scanning the others. */
    private final Map<Call, List<DialogId>> dialogsOf = new ConcurrentHashMap<>();
    /** Live calls per tenant, for its max.calls. */
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> perTenant = new ConcurrentHashMap<>();

    /** Adds the call unless its tenant already has {@code maxCalls} live calls; false then. */
    boolean add(Call call, int maxCalls) {
        java.util.concurrent.atomic.AtomicInteger n = perTenant.computeIfAbsent(call.tenant(),
            t -> new java.util.concurrent.atomic.AtomicInteger());
        if (n.incrementAndGet() > maxCalls) {
            n.decrementAndGet();
            return false;
        }
        byId.put(call.id(), call);
        byInvite.put(call.callerTransaction(), call);
        return true;
    }

    int callsOf(String tenant) {
        java.util.concurrent.atomic.AtomicInteger n = perTenant.get(tenant);
        return n == null ? 0 : n.get();
    }

    void dialog(DialogId id, Call call) {
        byDialog.put(id, call);
        dialogsOf.computeIfAbsent(call, c -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(id);
    }

    void removeDialog(DialogId id, Call call) {
        byDialog.remove(id, call);
    }

    Call byId(String id) {
        return byId.get(id);
    }

    Call byDialog(DialogId id) {
        return byDialog.get(id);
    }

    Call byInvite(ServerTransaction invite) {
        return byInvite.get(invite);
    }

    void remove(Call call) {
        if (byId.remove(call.id(), call)) {
            perTenant.get(call.tenant()).decrementAndGet();
        }
        byInvite.remove(call.callerTransaction(), call);
        List<DialogId> ids = dialogsOf.remove(call);
        if (ids != null) {
            ids.forEach(id -> byDialog.remove(id, call));
        }
    }

    List<Call> all() {
        return new ArrayList<>(byId.values());
    }

    int size() {
        return byId.size();
    }
}
