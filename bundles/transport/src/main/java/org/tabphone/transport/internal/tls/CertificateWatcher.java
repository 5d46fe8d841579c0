package org.tabphone.transport.internal.tls;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.transport.api.TlsCertificate;

/**
 * Keeps {@link SniCertificateMapping} in step with the files: the default keystore and the
 * certificates folder, polled on a thread of its own (file I/O and key parsing never run on an
 * event loop). A change reaches the next handshake within one scan interval; connections already
 * open keep their context. Other TLS files (the outbound trust) are polled on the same thread
 * through {@link #alsoScan}. Owned by the transport component and closed with it.
 */
public final class CertificateWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateWatcher.class);

    private final SniCertificateMapping mapping;
    private final Clock clock;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tabphone-certificates");
        t.setDaemon(true);
        return t;
    });
    private TlsIdentity identity;
    private TlsCertificate identityInfo;
    private CertificateSettings settings;
    private CertificateFolder folder;
    private ScheduledFuture<?> polling;
    private volatile List<TlsCertificate> report = List.of();
    private volatile Runnable alsoScan = () -> { };

    public CertificateWatcher(SniCertificateMapping mapping, Clock clock) {
        this.mapping = mapping;
        this.clock = clock;
    }

    /**
     * Applies a configuration: the default certificate is in place when this returns, and the
     * folder has been read once. Called from configuration threads.
     */
    public synchronized void configure(TlsIdentity defaultIdentity, CertificateSettings next) {
        useDefault(defaultIdentity);
        if (!next.equals(settings)) {
            settings = next;
            folder = next.dir() == null ? null : new CertificateFolder(next.dir(), new CertificateLoader(next.password()));
            if (polling != null) {
                polling.cancel(false);
            }
            polling = thread.scheduleWithFixedDelay(this::scanSafely, next.scanSeconds(), next.scanSeconds(), TimeUnit.SECONDS);
            if (folder != null) {
                LOG.info("TLS certificates folder {}, scanned every {} s", folder.dir(), next.scanSeconds());
            }
        }
        scan(true);
    }

    /** Run on every scan, outside this watcher's lock (it may call back into the component that configures us). */
    public void alsoScan(Runnable scan) {
        this.alsoScan = scan;
    }

    public List<TlsCertificate> certificates() {
        return report;
    }

    private void scanSafely() {
        try {
            synchronized (this) {
                if (identity != null && identity.changedOnDisk()) {
                    renewDefault();
                }
                scan(false);
            }
        } catch (RuntimeException e) {
            LOG.warn("TLS certificates scan failed; the previous certificates stay in service", e);
        }
        try {
            alsoScan.run();
        } catch (RuntimeException e) {
            LOG.warn("TLS files scan failed", e);
        }
    }

    private void scan(boolean force) {
        boolean changed = folder != null && folder.scan(clock.instant());
        if (!changed && !force) {
            return;
        }
        mapping.index(folder == null ? SniIndex.EMPTY : SniIndex.of(folder.certificates()));
        List<TlsCertificate> r = new ArrayList<>();
        if (identityInfo != null) {
            r.add(identityInfo);
        }
        if (folder != null) {
            folder.certificates().forEach(c -> r.add(c.info()));
        }
        report = List.copyOf(r);
    }

    private void useDefault(TlsIdentity next) {
        if (next == null) {
            identity = null;
            identityInfo = null;
            mapping.fallback(null);
            return;
        }
        if (next.equals(identity)) {
            return;
        }
        mapping.fallback(next.serverContext());
        identity = next;
        identityInfo = next.describe();
    }

    /** The default keystore file was replaced: serve the new one if it loads, keep the old one if not. */
    private void renewDefault() {
        try {
            TlsIdentity renewed = TlsIdentity.of(identity.keystore().toString(), identity.password());
            useDefault(renewed);
            LOG.info("TLS default certificate {} renewed: valid until {}", renewed.keystore(),
                identityInfo.notAfter().orElse(null));
            scan(true);
        } catch (RuntimeException e) {
            identity = identity.seenOnDisk(); // report it once per change of the file
            LOG.warn("TLS default certificate {} changed but is unusable, keeping the previous one: {}",
                identity.keystore(), e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
