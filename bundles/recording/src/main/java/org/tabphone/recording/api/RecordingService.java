package org.tabphone.recording.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The call recorder, for the shell and JMX. Thread-safe. */
@ProviderType
public interface RecordingService {

    /** The policy new calls are judged by (configuration {@code org.tabphone.recording}). */
    RecordingPolicy policy();

    /** Recordings in the directory, newest first (those being written included). Reads the disk: not for an I/O thread. */
    List<Recording> recordings(int limit);

    /** The recording of a call (running or recently ended), by the gateway's call id. */
    Optional<String> recordingOf(String call);

    RecordingStats stats();
}
