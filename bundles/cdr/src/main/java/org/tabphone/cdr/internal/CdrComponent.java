package org.tabphone.cdr.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.call.api.CallEvent;
import org.tabphone.call.api.CallEventListener;
import org.tabphone.cdr.api.CdrQuery;
import org.tabphone.cdr.api.CdrRecord;
import org.tabphone.cdr.api.CdrStats;
import org.tabphone.cdr.api.CdrStore;
import org.tabphone.cdr.api.CdrVerification;

/**
 * Wiring: the call-event sink (call ends go to the writer's queue, nothing else happens on the
 * I/O thread), the {@link CdrStore} service, and {@code org.tabphone.cdr} applied live. As a
 * {@link CallEventListener#SINK}, call ends that happen while this bundle is stopped or being
 * updated are held by the call bundle and handed over when it comes back.
 */
@Component(service = {CallEventListener.class, CdrStore.class}, immediate = true, configurationPid = "org.tabphone.cdr",
           property = CallEventListener.SINK + ":Boolean=true")
@Designate(ocd = CdrConfig.class)
public final class CdrComponent implements CallEventListener, CdrStore {
    private static final Logger LOG = LoggerFactory.getLogger(CdrComponent.class);

    /** {@code ${karaf.data}/tabphone/cdr}: the key, and the records unless {@code directory} says otherwise. */
    private final Path home;
    private final SigningKey key;
    private final CdrWriter writer;

    @Activate
    public CdrComponent(CdrConfig config) throws IOException {
        this.home = Path.of(System.getProperty("karaf.data", System.getProperty("java.io.tmpdir")), "tabphone", "cdr");
        CdrSettings settings = CdrSettings.from(config, home); // a bad file at start: the component doesn't start
        this.key = SigningKey.loadOrCreate(home); // one key per installation, wherever the records go
        this.writer = new CdrWriter(settings, key, Clock.systemUTC()).start();
    }

    @Modified
    void modified(CdrConfig config) {
        try {
            CdrSettings s = CdrSettings.from(config, home);
            writer.apply(s);
            LOG.info("org.tabphone.cdr applied: {}, fsync per {}", s.directory(), s.fsyncPerRecord() ? "record" : "batch");
        } catch (IllegalArgumentException e) {
            LOG.error("org.tabphone.cdr rejected, keeping the previous configuration: {}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        writer.close(); // writes what is queued: the call bundle holds what comes after our unbinding
    }

    @Override
    public void onCallEvent(CallEvent event) {
        if (event.isSegmentEnd()) { // a transferred call has a record per segment
            writer.offer(CallEndRecords.of(event));
        }
    }

    @Override
    public List<CdrRecord> search(CdrQuery query) {
        try {
            return CdrSearch.search(writer.directory(), query);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + writer.directory(), e);
        }
    }

    @Override
    public CdrVerification verify() {
        try {
            return CdrVerifier.verify(writer.directory(), key, writer.lastSeq());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + writer.directory(), e);
        }
    }

    @Override
    public String publicKeyPem() {
        return key.publicKeyPem();
    }

    @Override
    public CdrStats stats() {
        return new CdrStats(writer.written(), writer.queueLength(), writer.lastError(), writer.lastSeq(),
            writer.directory().toString(), writer.dropped());
    }
}
