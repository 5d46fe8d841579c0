package org.tabphone.cdr.api;

/**
 * The writer's counters.
 *
 * @param recordsWritten records written (and synced) since the CDR bundle started
 * @param queueLength    call ends waiting for the writer
 * @param lastWriteError the last write failure, empty when the last write worked
 * @param lastSeq        sequence number of the newest record in the store
 * @param directory      where the records are
 * @param recordsLost    call ends refused because the queue was full (each logged at ERROR)
 */
public record CdrStats(long recordsWritten, int queueLength, String lastWriteError, long lastSeq, String directory,
                       long recordsLost) {
}
