package org.tabphone.transport.internal.tls;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.netty.handler.ssl.SslContext;

/**
 * Immutable SNI lookup over the served certificates: exact name first, then a wildcard for the
 * left-most label (RFC 6125 §6.4.3: {@code *.b.example} covers {@code x.b.example} only). When
 * two files claim a name, the certificate valid longest wins, so a renewal dropped beside the
 * old file takes over at once.
 */
final class SniIndex {
    static final SniIndex EMPTY = new SniIndex(Map.of(), Map.of());

    private final Map<String, SslContext> exact;
    private final Map<String, SslContext> wildcard;

    private SniIndex(Map<String, SslContext> exact, Map<String, SslContext> wildcard) {
        this.exact = exact;
        this.wildcard = wildcard;
    }

    static SniIndex of(List<LoadedCertificate> certificates) {
        Map<String, SslContext> exact = new HashMap<>();
        Map<String, SslContext> wildcard = new HashMap<>();
        certificates.stream().filter(LoadedCertificate::served)
            .sorted(Comparator.comparing(LoadedCertificate::notAfter)) // later puts win
            .forEach(c -> {
                for (String name : c.info().names()) {
                    String suffix = SniNames.wildcardSuffix(name);
                    if (suffix != null) {
                        wildcard.put(suffix, c.context());
                    } else if (name.indexOf('*') < 0) {
                        exact.put(name, c.context());
                    }
                }
            });
        return new SniIndex(Map.copyOf(exact), Map.copyOf(wildcard));
    }

    /** The context for a (normalized) host name, or null when no certificate names it. */
    SslContext find(String host) {
        SslContext c = exact.get(host);
        if (c != null || wildcard.isEmpty()) {
            return c;
        }
        String parent = SniNames.parentOf(host);
        return parent == null ? null : wildcard.get(parent);
    }

    int size() {
        return exact.size() + wildcard.size();
    }
}
