package org.tabphone.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

import org.tabphone.transport.internal.tls.TestCertificates;

/**
 * A SIP-over-TLS peer made of a JDK SSLServerSocket on 127.0.0.1 serving one certificate: what
 * arrives on each connection is queued as text; accepted connections are counted.
 */
final class TlsServer implements AutoCloseable {
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final AtomicInteger accepted = new AtomicInteger();
    private final SSLServerSocket server;

    /** Serves {@code leaf} with its chain (leaf first). */
    TlsServer(TestCertificates.Issued leaf, X509Certificate... chain) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        X509Certificate[] full = new X509Certificate[chain.length + 1];
        full[0] = leaf.cert();
        System.arraycopy(chain, 0, full, 1, chain.length);
        ks.setKeyEntry("k", leaf.keys().getPrivate(), "pw".toCharArray(), full);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "tls-server");
        t.setDaemon(true);
        t.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    String poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                Thread r = new Thread(() -> read(s), "tls-server-read");
                r.setDaemon(true);
                r.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void read(Socket s) {
        try (s; InputStream in = s.getInputStream()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                received.add(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException refusedOrClosed) {
            // a handshake the gateway refused, or the end of the connection: nothing more arrives
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
