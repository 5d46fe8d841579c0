package org.tabphone.transport.internal.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;

/**
 * What Netty's {@code SniHandler} asks at each TLS and WSS handshake: the certificate for the
 * client's SNI name, else the default. Both parts are swapped whole by the watcher thread, so a
 * handshake sees either the old or the new set and open connections keep the context they got.
 */
public final class SniCertificateMapping implements Mapping<String, SslContext> {
    private volatile SniIndex index = SniIndex.EMPTY;
    private volatile SslContext fallback;

    @Override
    public SslContext map(String sniHost) {
        if (sniHost != null && !sniHost.isEmpty()) {
            SslContext c = index.find(SniNames.normalize(sniHost));
            if (c != null) {
                return c;
            }
        }
        return fallback;
    }

    void index(SniIndex next) {
        index = next;
    }

    public void fallback(SslContext context) {
        fallback = context;
    }

    /** Whether there is anything to serve an unknown name (no default keystore: such handshakes fail). */
    public boolean hasFallback() {
        return fallback != null;
    }
}
