package org.tabphone.transport.internal.ws;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.tabphone.transport.api.StaticResources;

/** Static resource providers by path prefix; the longest matching prefix serves. Thread-safe. */
public final class StaticRoutes {
    private final Map<String, StaticResources> byPrefix = new ConcurrentHashMap<>();

    public void add(String prefix, StaticResources provider) {
        byPrefix.put(normalise(prefix), provider);
    }

    public void remove(StaticResources provider) {
        byPrefix.values().removeIf(p -> p == provider);
    }

    /** The answer for a request path, or empty (404). Paths with ".." segments are never served. */
    Optional<StaticResources.Reply> answer(String path, String query, java.util.Map<String, String> headers,
                                           java.net.InetSocketAddress client) {
        if (path.contains("..") || !path.startsWith("/")) {
            return Optional.empty();
        }
        String best = null;
        for (String prefix : byPrefix.keySet()) {
            boolean matches = path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
            if (matches && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String rest = path.substring(best.length());
        StaticResources provider = byPrefix.get(best);
        if (provider == null) {
            return Optional.empty();
        }
        return Optional.of(provider.answer(new StaticResources.Request(rest.isEmpty() ? "/" : rest, query, headers, client)));
    }

    private static String normalise(String prefix) {
        String p = prefix == null || prefix.isBlank() ? "/" : prefix.trim();
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
