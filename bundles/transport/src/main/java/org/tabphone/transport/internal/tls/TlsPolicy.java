package org.tabphone.transport.internal.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

/**
 * What every server TLS context of the gateway offers: TLS 1.3 and 1.2 only; with 1.2, only
 * forward-secret AEAD suites (no static RSA key exchange, no CBC), as Mozilla's "intermediate"
 * profile. Browsers, baresip, Linphone and desk phones of the last ten years all have them.
 */
public final class TlsPolicy {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    static final List<String> CIPHERS = List.of(
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsPolicy() {
    }

    /** A server context for one key and its chain (leaf first). */
    public static SslContext serverContext(PrivateKey key, X509Certificate[] chain) throws SSLException {
        return SslContextBuilder.forServer(key, chain)
            .protocols(PROTOCOLS)
            .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
            .build();
    }
}
