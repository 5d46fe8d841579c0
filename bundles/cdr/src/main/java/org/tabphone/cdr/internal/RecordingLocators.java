package org.tabphone.cdr.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.cdr.api.RecordingLocator;

/**
 * The recording services bound now: asked, in turn, for a call's recording when its record is
 * made. A failing one is logged and skipped; the record is written without the link.
 */
final class RecordingLocators {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingLocators.class);
    private final List<RecordingLocator> locators = new CopyOnWriteArrayList<>();

    void add(RecordingLocator l) {
        locators.add(l);
    }

    void remove(RecordingLocator l) {
        locators.remove(l);
    }

    /** The first recording any locator names for {@code call}; empty when none does. */
    String recordingOf(String call) {
        for (RecordingLocator l : locators) {
            try {
                Optional<String> path = l.recordingOf(call);
                if (path != null && path.isPresent() && !path.get().isEmpty()) {
                    return path.get();
                }
            } catch (RuntimeException e) {
                LOG.warn("recording locator {} failed for call {}; its record names no recording", l, call, e);
            }
        }
        return "";
    }
}
