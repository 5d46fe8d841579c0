package org.tabphone.recording.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.cdr.api.RecordingLocator;
import org.tabphone.media.api.CallIdentity;
import org.tabphone.media.api.MediaTap;
import org.tabphone.media.api.TapSink;
import org.tabphone.recording.api.Recording;
import org.tabphone.recording.api.RecordingPolicy;
import org.tabphone.recording.api.RecordingService;
import org.tabphone.recording.api.RecordingStats;

/**
 * Wiring: the {@link MediaTap} that records calls the policy picks, the {@link RecordingService}
 * for the shell and JMX, the {@link RecordingLocator} the CDR writer asks, and
 * {@code org.tabphone.recording} applied live (to calls whose media connects from then on; calls
 * being recorded go on).
 */
@Component(service = {MediaTap.class, RecordingService.class, RecordingLocator.class}, immediate = true,
           configurationPid = RecordingSettings.PID)
@Designate(ocd = RecordingConfig.class)
public final class RecordingComponent implements MediaTap, RecordingService, RecordingLocator {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingComponent.class);
    /** Ended calls whose file the CDR writer can still ask for (it may be replaying held call ends). */
    private static final int KEEP_ENDED = 10_000;

    private final Path data = Path.of(System.getProperty("karaf.data", System.getProperty("java.io.tmpdir")));
    private final RecordingIndex index = new RecordingIndex(KEEP_ENDED);
    private final RecordingCounters counters = new RecordingCounters();
    private final Clock clock = Clock.systemUTC();
    private volatile RecordingSettings settings;

    @Activate
    public RecordingComponent(Map<String, Object> properties) {
        try {
            settings = RecordingSettings.from(properties, data);
        } catch (IllegalArgumentException e) { // a bad file at start: record nothing until it is fixed
            LOG.error("{} rejected, recording nothing until it is fixed: {}", RecordingSettings.PID, e.getMessage());
            settings = new RecordingSettings(false, data.resolve("tabphone").resolve("recordings"), List.of());
        }
        log("active", settings);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        try {
            RecordingSettings s = RecordingSettings.from(properties, data);
            settings = s;
            log("applied", s);
        } catch (IllegalArgumentException e) {
            LOG.error("{} rejected, keeping the previous policy: {}", RecordingSettings.PID, e.getMessage());
        }
    }

    private static void log(String what, RecordingSettings s) {
        LOG.info("{} {}: recording {}, rules [{}], files in {}; new calls follow it", RecordingSettings.PID, what,
            s.enabled() ? "on" : "off", String.join(", ", s.policy().rules()), s.directory());
    }

    @Override
    public Optional<TapSink> tap(CallIdentity call) {
        RecordingSettings s = settings;
        if (!s.records(call)) {
            return Optional.empty();
        }
        java.time.Instant now = clock.instant();
        Path file = s.fileFor(call, now);
        counters.active.incrementAndGet();
        index.started(call.call(), call.tenant(), file.toString(), now);
        LOG.debug("recording call {} ({} -> {}) to {}", call.call(), call.caller(), call.callee(), file);
        return Optional.of(new CallRecorder(call, file, counters, index));
    }

    @Override
    public RecordingPolicy policy() {
        return settings.policy();
    }

    @Override
    public List<Recording> recordings(int limit) {
        return RecordingFiles.list(settings.directory(), limit, index.activePaths());
    }

    @Override
    public Optional<String> recordingOf(String call) {
        return index.pathOf(call);
    }

    @Override
    public RecordingStats stats() {
        return counters.snapshot();
    }
}
