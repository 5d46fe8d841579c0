package org.tabphone.transport.internal.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.NetUtil;

/**
 * The client side of SIP over TLS (RFC 3261 §26.3.1, RFC 5922): TLS 1.3/1.2 with the server
 * policy's suites, the server name as SNI, and — when verifying — the chain checked against
 * {@link TrustAnchors} and the certificate against the name (the JDK's "HTTPS" endpoint
 * identification: subjectAltName DNS or IP entries, wildcards in the left-most label). Immutable;
 * a new trust configuration makes a new instance.
 */
public final class ClientTls {
    /** Handshakes that take longer fail the connection (and everything waiting for it). */
    public static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final SslContext verifying;
    private final SslContext unverified;
    private final TrustSettings settings;
    private final int anchors;
    /** The files as they were when read (see {@link TrustAnchors#stamp}). */
    private final String stamp;

    private ClientTls(SslContext verifying, SslContext unverified, TrustSettings settings, int anchors, String stamp) {
        this.verifying = verifying;
        this.unverified = unverified;
        this.settings = settings;
        this.anchors = anchors;
        this.stamp = stamp;
    }

    /** Reads the trust anchors (blocking file I/O) and builds the contexts; IllegalArgumentException names a bad key. */
    public static ClientTls of(TrustSettings settings) {
        String stamp = TrustAnchors.stamp(settings); // before reading: a change during the read is seen next time
        KeyStore trust = TrustAnchors.load(settings);
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            return new ClientTls(context(tmf), context(InsecureTrustManagerFactory.INSTANCE), settings, trust.size(), stamp);
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalStateException("client TLS context: " + e.getMessage(), e);
        }
    }

    /** True when a trust file was replaced, added, removed or changed since it was read. Blocking I/O. */
    public boolean changedOnDisk() {
        return !TrustAnchors.stamp(settings).equals(stamp);
    }

    /** This trust, marked as having seen the files as they are now (a bad change is reported once). */
    public ClientTls seenOnDisk() {
        return new ClientTls(verifying, unverified, settings, anchors, TrustAnchors.stamp(settings));
    }

    private static SslContext context(TrustManagerFactory trust) throws SSLException {
        // the JDK provider: endpoint identification below is the JDK's, whatever else is on the class path
        return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(trust)
            .protocols(TlsPolicy.PROTOCOLS).ciphers(TlsPolicy.CIPHERS, SupportedCipherSuiteFilter.INSTANCE).build();
    }

    /**
     * A client-mode handler for a connection to {@code port} reached by {@code serverName}. The
     * handshake starts when the channel becomes active; its future fails on an untrusted chain or
     * a certificate for another name (with {@code verify}), or after {@value #HANDSHAKE_TIMEOUT_MILLIS} ms.
     */
    public SslHandler newHandler(ByteBufAllocator alloc, String serverName, int port, boolean verify) {
        SSLEngine engine = (verify ? verifying : unverified).newEngine(alloc, serverName, port);
        SSLParameters p = engine.getSSLParameters();
        // without this the JDK checks the chain only: any trusted certificate would do for any name
        p.setEndpointIdentificationAlgorithm(verify ? "HTTPS" : null);
        String sni = serverName.endsWith(".") ? serverName.substring(0, serverName.length() - 1) : serverName;
        if (!isIpLiteral(sni)) {
            p.setServerNames(List.of(new SNIHostName(sni))); // RFC 6066 §3: never an address, no trailing dot
        }
        engine.setSSLParameters(p);
        SslHandler handler = new SslHandler(engine);
        handler.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS);
        return handler;
    }

    static boolean isIpLiteral(String name) {
        return NetUtil.isValidIpV4Address(name) || NetUtil.isValidIpV6Address(name);
    }

    public TrustSettings settings() {
        return settings;
    }

    /** How many CAs are trusted (the JDK's and the configured ones), for the log. */
    public int anchors() {
        return anchors;
    }
}
