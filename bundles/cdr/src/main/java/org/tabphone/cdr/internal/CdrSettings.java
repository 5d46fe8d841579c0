package org.tabphone.cdr.internal;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A validated {@link CdrConfig}: immutable, swapped in whole.
 *
 * @param directory      where the record files are
 * @param fsyncPerRecord true: each group of records written together is fsynced at once; false: every interval
 * @param fsyncIntervalMillis in batch mode, the longest a written record waits for its fsync
 * @param rotateBytes    size that starts a new file; 0 = no size limit
 * @param rotateDaily    a new file when the UTC day changes
 * @param retentionDays  files older than this are deleted; 0 = keep
 * @param queueCapacity  call ends waiting for the writer
 */
record CdrSettings(Path directory, boolean fsyncPerRecord, long fsyncIntervalMillis, long rotateBytes, boolean rotateDaily,
                   int retentionDays, int queueCapacity) {

    /** @throws IllegalArgumentException naming the bad key */
    static CdrSettings from(CdrConfig c, Path defaultDirectory) {
        String fsync = c.fsync().trim().toLowerCase(Locale.ROOT);
        if (!fsync.equals("record") && !fsync.equals("batch")) {
            throw new IllegalArgumentException("fsync: 'record' or 'batch', not '" + c.fsync() + "'");
        }
        if (c.fsync_interval_ms() < 1 || c.fsync_interval_ms() > 60_000) {
            throw new IllegalArgumentException("fsync.interval.ms: 1-60000, not " + c.fsync_interval_ms());
        }
        if (c.rotate_size_mb() < 0) {
            throw new IllegalArgumentException("rotate.size.mb: 0 or more, not " + c.rotate_size_mb());
        }
        if (c.retention_days() < 0) {
            throw new IllegalArgumentException("retention.days: 0 or more, not " + c.retention_days());
        }
        if (c.queue_capacity() < 1) {
            throw new IllegalArgumentException("queue.capacity: 1 or more, not " + c.queue_capacity());
        }
        Path dir;
        try {
            dir = c.directory().isBlank() ? defaultDirectory : Path.of(c.directory().trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("directory: " + e.getMessage());
        }
        return new CdrSettings(dir.toAbsolutePath().normalize(), fsync.equals("record"), c.fsync_interval_ms(),
            c.rotate_size_mb() * 1024L * 1024L, c.rotate_daily(), c.retention_days(), c.queue_capacity());
    }
}
