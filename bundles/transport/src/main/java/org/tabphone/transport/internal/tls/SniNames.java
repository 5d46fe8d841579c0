package org.tabphone.transport.internal.tls;

import java.util.Locale;

/** Host name spelling for SNI matching: case-insensitive, no trailing dot (RFC 6066 §3, RFC 6125 §6.4). */
final class SniNames {
    private SniNames() {
    }

    static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** {@code *.b.example} → {@code b.example}; null for a name that is not a wildcard we serve. */
    static String wildcardSuffix(String name) {
        // only a whole left-most label: "*.b.example", never "a*.b.example" or "*.example" style TLD wildcards
        if (name.startsWith("*.") && name.indexOf('.', 2) > 2 && name.indexOf('*', 1) < 0) {
            return name.substring(2);
        }
        return null;
    }

    /** The part a wildcard of {@code host} would name: {@code x.b.example} → {@code b.example}; null if none. */
    static String parentOf(String host) {
        int dot = host.indexOf('.');
        return dot > 0 && dot < host.length() - 1 ? host.substring(dot + 1) : null;
    }
}
