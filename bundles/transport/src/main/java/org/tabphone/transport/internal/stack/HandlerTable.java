package org.tabphone.transport.internal.stack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.tabphone.transport.api.SipRequestHandler;

/**
 * The request handlers by method; for each method the highest {@code service.ranking} wins
 * (ties: the older service, as OSGi orders them). Thread-safe; lookups don't lock.
 */
final class HandlerTable {
    private record Entry(SipRequestHandler handler, int ranking, long serviceId, List<String> methods) {
    }

    private static final Comparator<Entry> BEST_FIRST =
        Comparator.comparingInt(Entry::ranking).reversed().thenComparingLong(Entry::serviceId);

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private volatile Map<String, SipRequestHandler> byMethod = Map.of();

    synchronized void add(SipRequestHandler handler, Map<String, Object> properties) {
        entries.add(new Entry(handler, intProperty(properties.get("service.ranking")),
            longProperty(properties.get("service.id")), methods(properties.get(SipRequestHandler.METHODS))));
        rebuild();
    }

    synchronized void remove(SipRequestHandler handler) {
        entries.removeIf(e -> e.handler() == handler);
        rebuild();
    }

    Optional<SipRequestHandler> forMethod(String method) {
        return Optional.ofNullable(byMethod.get(method));
    }

    /** The methods some handler takes, for Allow headers. */
    Collection<String> methods() {
        return new TreeSet<>(byMethod.keySet());
    }

    private void rebuild() {
        Map<String, SipRequestHandler> table = new java.util.HashMap<>();
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(BEST_FIRST);
        for (Entry e : sorted) {
            for (String m : e.methods()) {
                table.putIfAbsent(m, e.handler());
            }
        }
        byMethod = Map.copyOf(table);
    }

    private static List<String> methods(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String s) {
            for (String m : s.split(",")) {
                if (!m.isBlank()) {
                    out.add(m.trim());
                }
            }
        } else if (value instanceof String[] arr) {
            for (String s : arr) {
                out.addAll(methods(s));
            }
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                out.addAll(methods(o));
            }
        }
        return out;
    }

    private static int intProperty(Object v) {
        return v instanceof Integer i ? i : 0;
    }

    private static long longProperty(Object v) {
        return v instanceof Long l ? l : 0L;
    }
}
