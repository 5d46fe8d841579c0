package org.tabphone.cdr.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard, implemented by a recording service: where a call's recording is, so the call's CDR
 * names it ({@link CdrRecord#recording()}, since 0.3.0). The CDR writer asks every registered
 * locator when a call (or a segment of it) ends; the first answer wins. Runs on the signalling
 * thread that ends the call: answer from memory, never from the disk.
 */
@ConsumerType
public interface RecordingLocator {

    /** The recording of call {@code call} (the call events' id), e.g. a WAV file's path; empty when none. */
    Optional<String> recordingOf(String call);
}
