package org.tabphone.transport.internal.stack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.tabphone.transport.api.SipRequestHandler;

/**
 * The request handlers by method; for each method the highest {@code service.ranking} wins
 * (ties: the older service, as OSGi orders them). Handlers are looked up lazily, on the first
 * request they get: binding them does not activate them, so a handler may itself reference the
 * {@link org.tabphone.transport.api.SipStack} without a service cycle. Lookups don't lock.
 */
final class HandlerTable {
    /** One registered handler; {@code key} identifies it for removal (its ServiceReference). */
    private static final class Entry {
        final Object key;
        final int ranking;
        final long serviceId;
        final List<String> methods;
        final Supplier<SipRequestHandler> lookup;
        volatile SipRequestHandler handler;

        Entry(Object key, int ranking, long serviceId, List<String> methods, Supplier<SipRequestHandler> lookup) {
            this.key = key;
            this.ranking = ranking;
            this.serviceId = serviceId;
            this.methods = methods;
            this.lookup = lookup;
        }

        SipRequestHandler handler() {
            SipRequestHandler h = handler;
            if (h == null) {
                h = lookup.get();
                handler = h;
            }
            return h;
        }
    }

    private static final Comparator<Entry> BEST_FIRST =
        Comparator.comparingInt((Entry e) -> e.ranking).reversed().thenComparingLong(e -> e.serviceId);

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private volatile Map<String, Entry> byMethod = Map.of();

    /** @param properties the service's properties: service.ranking, service.id, sip.methods */
    synchronized void add(Object key, Map<String, Object> properties, Supplier<SipRequestHandler> lookup) {
        entries.add(new Entry(key, intProperty(properties.get("service.ranking")),
            longProperty(properties.get("service.id")), methods(properties.get(SipRequestHandler.METHODS)), lookup));
        rebuild();
    }

    synchronized void remove(Object key) {
        entries.removeIf(e -> e.key.equals(key));
        rebuild();
    }

    Optional<SipRequestHandler> forMethod(String method) {
        Entry e = byMethod.get(method);
        return e == null ? Optional.empty() : Optional.ofNullable(e.handler());
    }

    /** The methods some handler takes, for Allow headers. */
    Collection<String> methods() {
        return new TreeSet<>(byMethod.keySet());
    }

    private void rebuild() {
        Map<String, Entry> table = new HashMap<>();
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(BEST_FIRST);
        for (Entry e : sorted) {
            for (String m : e.methods) {
                table.putIfAbsent(m, e);
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
