package org.tabphone.recording.api;

import java.time.Instant;

/**
 * One recording file.
 *
 * @param call     the gateway's call id (the CDR's {@code call})
 * @param tenant   the call's tenant
 * @param path     the WAV file
 * @param started  when recording began
 * @param seconds  audio in the file (8 kHz stereo, 16 bit)
 * @param bytes    the file's size
 * @param active   the call is still being recorded
 */
public record Recording(String call, String tenant, String path, Instant started, double seconds, long bytes,
                        boolean active) {
}
