package org.tabphone.media.internal.dtls;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.tabphone.media.internal.srtp.SrtpProfile;

/** Shared fixtures: certificates are generated once per JVM (test-only static, never in main code). */
final class DtlsTestSupport {

    static final DtlsCertificate TABPHONE = DtlsCertificate.generateSelfSigned();
    static final DtlsCertificate BROWSER = DtlsCertificate.generateSelfSigned("browser",
        TABPHONE.notBefore(), TABPHONE.notAfter(), new java.security.SecureRandom());
    static final DtlsCertificate STRANGER = DtlsCertificate.generateSelfSigned("mallory",
        TABPHONE.notBefore(), TABPHONE.notAfter(), new java.security.SecureRandom());

    private DtlsTestSupport() {
    }

    /** A cached pool like the media component's, with named daemon threads. */
    static ThreadPoolExecutor newPool(String name) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, 16, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    static DtlsEndpointConfig config(DtlsCertificate cert, Duration timeout, List<SrtpProfile> profiles) {
        return DtlsEndpointConfig.builder(cert).handshakeTimeout(timeout).profiles(profiles).build();
    }

    static boolean terminates(ExecutorService pool) throws InterruptedException {
        pool.shutdown();
        return pool.awaitTermination(3, TimeUnit.SECONDS);
    }

    /** Records every callback. */
    static final class RecordingListener implements DtlsListener {
        final List<DtlsResult> results = new CopyOnWriteArrayList<>();
        final List<String> closes = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onDtlsResult(DtlsEndpoint endpoint, DtlsResult result) {
            threads.add(Thread.currentThread().getName());
            results.add(result);
        }

        @Override
        public void onDtlsClosed(DtlsEndpoint endpoint, String reason) {
            closes.add(reason);
        }
    }
}
