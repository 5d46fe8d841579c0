package org.tabphone.registrar.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.tabphone.registrar.api.Binding;
import org.tabphone.transport.api.FlowId;

/**
 * Bindings by address of record, plus an index by flow so a closing connection takes its
 * bindings along. Each AOR's list is immutable and replaced atomically; readers never lock.
 */
final class BindingStore {
    private final Map<AorKey, List<Binding>> byAor = new ConcurrentHashMap<>();
    private final Map<FlowId, Set<AorKey>> byFlow = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perTenant = new ConcurrentHashMap<>();

    List<Binding> lookup(AorKey aor, long nowMillis) {
        List<Binding> all = byAor.getOrDefault(aor, List.of());
        return all.stream().filter(b -> b.expiresAtMillis() > nowMillis).toList();
    }

    /** Replaces an AOR's bindings with what {@code change} makes of them; returns the new list. */
    List<Binding> update(AorKey aor, UnaryOperator<List<Binding>> change) {
        List<Binding>[] before = new List[1];
        List<Binding> after = byAor.compute(aor, (k, old) -> {
            before[0] = old == null ? List.of() : old;
            List<Binding> next = List.copyOf(change.apply(before[0]));
            return next.isEmpty() ? null : next;
        });
        List<Binding> now = after == null ? List.of() : after;
        account(aor, before[0], now);
        return now;
    }

    /** Removes the bindings that came over {@code flow}; returns how many. */
    int removeFlow(FlowId flow) {
        Set<AorKey> aors = byFlow.remove(flow);
        if (aors == null) {
            return 0;
        }
        int[] removed = {0};
        for (AorKey aor : aors) {
            update(aor, list -> {
                List<Binding> kept = list.stream().filter(b -> !b.flow().equals(flow)).toList();
                removed[0] += list.size() - kept.size(); // counted inside the atomic update
                return kept;
            });
        }
        return removed[0];
    }

    /** Drops expired bindings everywhere; returns how many. */
    int sweep(long nowMillis) {
        int[] removed = {0};
        byAor.forEach((aor, list) -> {
            // most AORs have nothing expired: look before rewriting anything
            if (list.stream().anyMatch(b -> b.expiresAtMillis() <= nowMillis)) {
                update(aor, current -> {
                    List<Binding> kept = current.stream().filter(b -> b.expiresAtMillis() > nowMillis).toList();
                    removed[0] += current.size() - kept.size();
                    return kept;
                });
            }
        });
        return removed[0];
    }

    List<Binding> all(String tenant, long nowMillis) {
        List<Binding> out = new ArrayList<>();
        byAor.forEach((aor, list) -> {
            if (tenant == null || aor.tenant().equals(tenant)) {
                list.stream().filter(b -> b.expiresAtMillis() > nowMillis).forEach(out::add);
            }
        });
        return out;
    }

    int count() {
        return perTenant.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int count(String tenant) {
        AtomicInteger n = perTenant.get(tenant);
        return n == null ? 0 : n.get();
    }

    private void account(AorKey aor, List<Binding> before, List<Binding> after) {
        perTenant.computeIfAbsent(aor.tenant(), t -> new AtomicInteger()).addAndGet(after.size() - before.size());
        for (Binding b : after) {
            if (b.transport().isStream()) {
                byFlow.computeIfAbsent(b.flow(), f -> ConcurrentHashMap.newKeySet()).add(aor);
            }
        }
    }
}
