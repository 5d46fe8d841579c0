package org.tabphone.cdr.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes record files last written more than {@code retention.days} ago; never the file being written. */
final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private Retention() {
    }

    static int apply(Path dir, int days, Path active, Instant now) {
        if (days <= 0) {
            return 0;
        }
        Instant cutoff = now.minus(Duration.ofDays(days));
        int deleted = 0;
        try {
            for (Path f : CdrFiles.list(dir)) {
                if (f.equals(active)) {
                    continue;
                }
                if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(f);
                    deleted++;
                    LOG.info("CDR retention ({} days): deleted {}", days, f);
                }
            }
        } catch (IOException e) {
            LOG.warn("CDR retention in {} failed: {}", dir, e.toString());
        }
        return deleted;
    }
}
