package org.tabphone.cdr.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.cdr.api.CdrRecord;

/**
 * The single thread that owns the store: takes call ends from a queue (so the I/O threads never
 * touch a disk), hands them to the {@link ChainedLog} in groups, fsyncs per {@code fsync} and
 * applies retention. A failed write is retried every second with the record kept; a record leaves
 * the queue's custody only once it is in the file.
 */
final class CdrWriter {
    private static final Logger LOG = LoggerFactory.getLogger(CdrWriter.class);
    private static final long RETRY_MILLIS = 1000;
    private static final Duration HOUSEKEEPING = Duration.ofHours(1);
    /** After close(): how long unwritten records may keep failing before they are given up. */
    private static final long STOP_GRACE_MILLIS = 5000;
    /** Records taken from the queue and written in one go, at most. */
    private static final int GROUP_MAX = 1000;
    /** Put in the queue by close() to wake the writer; never written. */
    private static final CdrRecord WAKE = new CdrRecord(0, "", "", "", "", "", "", "", "", null, null, null, 0, 0, "");

    private final SigningKey key;
    private final Clock clock;
    private final BlockingQueue<CdrRecord> queue;
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Offered and not yet in the file: one counter, so no moment between queue and pending hides a record. */
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile CdrSettings settings;
    private volatile boolean stopping;
    private volatile String lastError = "";
    private volatile long lastSeq;
    /** Where the newest durable (fsynced, or found on disk at open) record is: what the JDBC sink may export. */
    private volatile StorePosition durable;
    /** Told (on the writer thread) each time {@link #durable} moves; must not block. */
    private volatile Runnable durableListener = () -> { };
    /** Writer-thread state from here on. */
    private final List<CdrRecord> pending = new ArrayList<>();
    private ChainedLog log;
    private Instant nextHousekeeping = Instant.MIN;
    /** When the last batch-mode fsync was (nanoTime). */
    private long lastSync = System.nanoTime();

    CdrWriter(CdrSettings settings, SigningKey key, Clock clock) {
        this.settings = settings;
        this.key = key;
        this.clock = clock;
        this.queue = new LinkedBlockingQueue<>(settings.queueCapacity());
        this.thread = new Thread(this::run, "tabphone-cdr-writer");
        this.thread.setDaemon(true);
        this.durable = new StorePosition(settings.directory(), 0);
    }

    /** Opens the store now (torn-tail recovery, chain position), so a broken directory shows at start. */
    CdrWriter start() {
        try {
            log = ChainedLog.open(settings.directory(), key, clock, this::synced);
            lastSeq = log.lastSeq();
            markDurable();
        } catch (IOException e) {
            fail("opening " + settings.directory(), e);
        }
        thread.start();
        return this;
    }

    /** From any thread, never blocks: false (and one log line) when the queue is full. */
    boolean offer(CdrRecord callEnd) {
        waiting.incrementAndGet();
        if (queue.offer(callEnd)) {
            return true;
        }
        waiting.decrementAndGet();
        dropped.incrementAndGet();
        LOG.error("CDR queue full ({} waiting): the record of call {} is lost", queue.size(), callEnd.call());
        return false;
    }

    void apply(CdrSettings s) {
        settings = s; // the writer thread reopens the store if the directory changed
    }

    /** Writes what is queued, then stops. */
    void close() {
        stopping = true;
        queue.offer(WAKE); // not an interrupt: that would close the FileChannel under a write
        try {
            thread.join(STOP_GRACE_MILLIS + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long written() {
        return written.get();
    }

    long dropped() {
        return dropped.get();
    }

    int queueLength() {
        return waiting.get();
    }

    String lastError() {
        return lastError;
    }

    long lastSeq() {
        return lastSeq;
    }

    Path directory() {
        return settings.directory();
    }

    /** The newest record that is on disk for good (fsynced), and its directory. */
    StorePosition durable() {
        return durable;
    }

    /** One listener inside this bundle (the JDBC sink's wake-up); called on the writer thread. */
    void onDurable(Runnable listener) {
        durableListener = listener;
    }

    /** ChainedLog's fsync callback: {@code n} more records are durable, up to the log's last. */
    private void synced(long n) {
        written.addAndGet(n);
        markDurable();
    }

    private void markDurable() {
        durable = new StorePosition(log.dir(), log.lastSeq());
        durableListener.run();
    }

    private void run() {
        long stopDeadline = Long.MAX_VALUE;
        while (true) {
            if (stopping && stopDeadline == Long.MAX_VALUE) {
                stopDeadline = System.currentTimeMillis() + STOP_GRACE_MILLIS;
            }
            try {
                if (pending.isEmpty() && !take(stopping)) {
                    syncIfDue(true); // quiet: what batch mode still owes the disk
                    if (stopping) {
                        break;
                    }
                    housekeeping();
                    continue;
                }
                writePending();
                syncIfDue(false);
                lastError = "";
            } catch (IOException | RuntimeException e) {
                fail("writing to " + (log == null ? settings.directory() : log.file()), e);
                closeLog();
                if (System.currentTimeMillis() > stopDeadline) {
                    LOG.error("CDR writer stopping with {} unwritten records: they are lost", queueLength());
                    break;
                }
                pause();
            }
        }
        closeLog();
    }

    /** Moves what is queued (up to {@link #GROUP_MAX}) to {@link #pending}; false when nothing came in time. */
    private boolean take(boolean draining) {
        try {
            CdrRecord first = draining ? queue.poll()
                : queue.poll(log != null && log.unsynced() > 0 ? Math.min(1000, settings.fsyncIntervalMillis()) : 1000,
                    TimeUnit.MILLISECONDS);
            if (first == null) {
                return false;
            }
            pending.add(first);
            queue.drainTo(pending, GROUP_MAX - 1);
            pending.removeIf(r -> r == WAKE);
            return !pending.isEmpty() || take(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Writes every pending record at once (so a kill -9, which spares what reached the OS, loses
     * none of them); the fsync comes after the group (group commit), not between its records.
     */
    private void writePending() throws IOException {
        CdrSettings s = settings;
        if (log != null && !s.directory().equals(log.dir())) {
            log.sync(); // the old directory's records are durable before we move on
            closeLog();
        }
        if (log == null) {
            log = ChainedLog.open(s.directory(), key, clock, this::synced);
            lastSeq = log.lastSeq();
            markDurable(); // what is already in this directory survived whatever came before
        }
        while (!pending.isEmpty()) {
            lastSeq = log.append(pending.get(0), s);
            pending.remove(0); // in the file: a retry must not write it twice
            waiting.decrementAndGet();
        }
    }

    /** fsync now in record mode (or when {@code quiet}), else once the batch interval has passed. */
    private void syncIfDue(boolean quiet) throws IOException {
        if (log == null || log.unsynced() == 0) {
            return;
        }
        CdrSettings s = settings;
        if (s.fsyncPerRecord() || quiet || System.nanoTime() - lastSync >= s.fsyncIntervalMillis() * 1_000_000L) {
            log.sync();
            lastSync = System.nanoTime();
        }
    }

    private void housekeeping() {
        Instant now = clock.instant();
        if (now.isBefore(nextHousekeeping)) {
            return;
        }
        nextHousekeeping = now.plus(HOUSEKEEPING);
        CdrSettings s = settings;
        Retention.apply(s.directory(), s.retentionDays(), log == null ? null : log.file(), now);
    }

    private void fail(String what, Exception e) {
        String msg = what + ": " + e;
        if (msg.equals(lastError)) {
            return; // one line per distinct failure, not one per retry
        }
        if (e instanceof IOException) {
            LOG.error("CDR store: {} ({} records waiting, retrying every second)", msg, queueLength());
        } else {
            LOG.error("CDR store: {} ({} records waiting, retrying every second)", msg, queueLength(), e);
        }
        lastError = msg;
    }

    /** Records written to the OS whose fsync failed or never came are not counted as written. */
    private void closeLog() {
        if (log != null) {
            try {
                log.close();
            } catch (IOException e) {
                LOG.debug("closing {}: {}", log.file(), e.toString());
            }
            log = null;
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            // close(): go on draining
        }
    }
}
