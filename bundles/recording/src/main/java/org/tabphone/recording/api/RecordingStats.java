package org.tabphone.recording.api;

/**
 * The recorder's counters since the bundle started.
 *
 * @param active        calls being recorded now
 * @param filesWritten  recordings finished (their WAV header final)
 * @param framesDropped audio frames lost on the way to a file: the media tap's queue was full, or a
 *                      frame came too late to place; each is silence in the file
 * @param failures      recordings that could not be written (disk full, no permission): one log line each
 */
public record RecordingStats(int active, long filesWritten, long framesDropped, long failures) {
}
