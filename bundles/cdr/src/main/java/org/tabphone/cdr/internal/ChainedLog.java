package org.tabphone.cdr.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.cdr.api.CdrRecord;

/**
 * The chain in one directory: where it stands, the file being appended to, and rotation to a new
 * file by size or day. Numbers, chains and signs each record as it appends it. Writer thread only.
 */
final class ChainedLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChainedLog.class);

    private final Path dir;
    private final SigningKey key;
    private final Clock clock;
    /** Told how many records each fsync made durable. */
    private final LongConsumer durable;
    private AppendLog file;
    private ChainTail tail;
    private int unsynced;

    private ChainedLog(Path dir, SigningKey key, Clock clock, LongConsumer durable) {
        this.dir = dir;
        this.key = key;
        this.clock = clock;
        this.durable = durable;
    }

    /** Opens the newest file (cutting a torn last line) and finds where the chain stands. */
    static ChainedLog open(Path dir, SigningKey key, Clock clock, LongConsumer durable) throws IOException {
        Files.createDirectories(dir);
        ChainedLog log = new ChainedLog(dir, key, clock, durable);
        List<Path> files = CdrFiles.list(dir);
        if (files.isEmpty()) {
            log.tail = ChainTail.EMPTY;
            log.file = log.newFile(1);
        } else {
            log.file = AppendLog.open(files.get(files.size() - 1));
            log.tail = ChainTail.of(files); // after the cut: the last whole record
        }
        LOG.info("CDR store {}: next record {}", log.file.file(), log.tail.nextSeq());
        return log;
    }

    /** Numbers, chains, signs and appends one call end (a new file first when one is due). */
    long append(CdrRecord r, CdrSettings s) throws IOException {
        rotateIfDue(s);
        CdrRecord numbered = r.withSeq(tail.nextSeq());
        byte[] line = CdrLine.encode(numbered, tail.prev(), key).getBytes(StandardCharsets.UTF_8);
        byte[] withNewline = Arrays.copyOf(line, line.length + 1);
        withNewline[line.length] = '\n';
        file.append(withNewline);
        tail = new ChainTail(numbered.seq() + 1, CdrLine.hash(line));
        unsynced++;
        return numbered.seq();
    }

    /** fsync of what was appended since the last one. */
    void sync() throws IOException {
        if (unsynced > 0) {
            file.force();
            durable.accept(unsynced);
            unsynced = 0;
        }
    }

    int unsynced() {
        return unsynced;
    }

    long lastSeq() {
        return tail.nextSeq() - 1;
    }

    Path dir() {
        return dir;
    }

    Path file() {
        return file.file();
    }

    private void rotateIfDue(CdrSettings s) throws IOException {
        boolean full = s.rotateBytes() > 0 && file.size() >= s.rotateBytes();
        boolean newDay = s.rotateDaily() && file.size() > 0
            && !CdrFiles.dayOf(file.file()).equals(CdrFiles.today(clock.instant()));
        if (full || newDay) {
            sync();
            AppendLog next = newFile(tail.nextSeq());
            file.close();
            file = next;
            Retention.apply(dir, s.retentionDays(), file.file(), clock.instant());
        }
    }

    private AppendLog newFile(long firstSeq) throws IOException {
        AppendLog created = AppendLog.open(dir.resolve(CdrFiles.name(CdrFiles.today(clock.instant()), firstSeq)));
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // the new name survives a power cut too
        } catch (IOException e) {
            LOG.debug("cannot fsync directory {}: {}", dir, e.toString());
        }
        return created;
    }

    /** Closes the file; records appended but not synced are left to the OS (a kill -9 spares them). */
    @Override
    public void close() throws IOException {
        unsynced = 0;
        file.close();
    }
}
