package org.tabphone.cdr.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.call.api.CallEvent;
import org.tabphone.call.api.CallEventListener;
import org.tabphone.cdr.api.CdrQuery;
import org.tabphone.cdr.api.CdrRecord;
import org.tabphone.cdr.api.CdrSink;
import org.tabphone.cdr.api.CdrSinkStats;
import org.tabphone.cdr.api.CdrStats;
import org.tabphone.cdr.api.CdrStore;
import org.tabphone.cdr.api.CdrVerification;
import org.tabphone.cdr.api.RecordingLocator;

/**
 * Wiring: the call-event sink (call ends go to the writer's queue, nothing else happens on the
 * I/O thread), the {@link CdrStore} service, and {@code org.tabphone.cdr} applied live. As a
 * {@link CallEventListener#SINK}, call ends that happen while this bundle is stopped or being
 * updated are held by the call bundle and handed over when it comes back. The optional database
 * copy ({@link JdbcSink}, the {@code jdbc.*} keys) follows the writer's durable records.
 */
@Component(service = {CallEventListener.class, CdrStore.class, CdrSink.class}, immediate = true, configurationPid = "org.tabphone.cdr",
           property = CallEventListener.SINK + ":Boolean=true")
@Designate(ocd = CdrConfig.class)
public final class CdrComponent implements CallEventListener, CdrStore, CdrSink {
    private static final Logger LOG = LoggerFactory.getLogger(CdrComponent.class);

    /** {@code ${karaf.data}/tabphone/cdr}: the key, and the records unless {@code directory} says otherwise. */
    private final Path home;
    private final RecordingLocators recordings = new RecordingLocators();
    private final SigningKey key;
    private final CdrWriter writer;
    private final JdbcSink sink;

    @Activate
    public CdrComponent(CdrConfig config) throws IOException {
        this.home = Path.of(System.getProperty("karaf.data", System.getProperty("java.io.tmpdir")), "tabphone", "cdr");
        CdrSettings settings = CdrSettings.from(config, home); // a bad file at start: the component doesn't start
        JdbcSinkSettings jdbc = jdbcOrOff(config);
        this.key = SigningKey.loadOrCreate(home); // one key per installation, wherever the records go
        this.writer = new CdrWriter(settings, key, Clock.systemUTC()).start();
        this.sink = new JdbcSink(jdbc, writer::durable, new PgConnector(), signer(key), Clock.systemUTC()).start();
        writer.onDurable(sink::durableMoved);
    }

    @Modified
    void modified(CdrConfig config) {
        try {
            CdrSettings s = CdrSettings.from(config, home);
            JdbcSinkSettings jdbc = JdbcSinkSettings.from(config); // both valid, or neither applies
            writer.apply(s);
            sink.apply(jdbc);
            LOG.info("org.tabphone.cdr applied: {}, fsync per {}, database {}", s.directory(),
                s.fsyncPerRecord() ? "record" : "batch", jdbc);
        } catch (IllegalArgumentException e) {
            LOG.error("org.tabphone.cdr rejected, keeping the previous configuration: {}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        writer.close(); // writes what is queued: the call bundle holds what comes after our unbinding
        sink.close(); // what it has not exported is in the store: the next start sends it
    }

    /** A bad database setting at start leaves the store working and the sink off (one ERROR line). */
    private static JdbcSinkSettings jdbcOrOff(CdrConfig config) {
        try {
            return JdbcSinkSettings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("org.tabphone.cdr: the database sink stays off: {}", e.getMessage());
            return JdbcSinkSettings.OFF;
        }
    }

    /** This installation in a shared table: the first 16 hex digits of SHA-256 over its public key (PEM). */
    private static String signer(SigningKey key) {
        return CdrLine.hash(key.publicKeyPem().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    @Override
    public void onCallEvent(CallEvent event) {
        if (event.isSegmentEnd()) { // a transferred call has a record per segment
            writer.offer(CallEndRecords.of(event).withRecording(recordings.recordingOf(event.call())));
        }
    }

    /** Whiteboard: recording services tell each call end's record where its recording is. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRecordingLocator(RecordingLocator locator) {
        recordings.add(locator);
    }

    void removeRecordingLocator(RecordingLocator locator) {
        recordings.remove(locator);
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
    public CdrSinkStats status() {
        return sink.stats();
    }

    @Override
    public void retryNow() {
        sink.retryNow();
    }

    @Override
    public CdrStats stats() {
        return new CdrStats(writer.written(), writer.queueLength(), writer.lastError(), writer.lastSeq(),
            writer.directory().toString(), writer.dropped());
    }
}
