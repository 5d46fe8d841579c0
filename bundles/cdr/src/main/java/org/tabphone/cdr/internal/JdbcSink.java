package org.tabphone.cdr.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.cdr.api.CdrSinkStats;
import org.tabphone.cdr.api.CdrSinkStats.State;

/**
 * Copies every durable record of the store into PostgreSQL, in order, on its own thread: the
 * writer never waits for it and the store stays the record of truth. The backlog is the store
 * itself ({@link StoreTail} from the last record the database confirmed), so a dead or slow
 * database costs neither memory nor records; failures retry with a doubling back-off up to
 * {@code jdbc.retry.max.seconds}, and on every (re)connection the position is taken from the
 * table ({@link #resume}), so nothing is sent twice to stay and nothing is skipped.
 */
final class JdbcSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSink.class);
    private static final long FIRST_RETRY_MILLIS = 1000;
    /** While idle: how often a connection is checked, so a dead database shows before the next call ends. */
    private static final long IDLE_CHECK_MILLIS = 5000;

    private final Supplier<StorePosition> durable;
    private final JdbcConnector connector;
    private final String signer;
    private final Clock clock;
    private final Thread thread;
    /** Released by the writer (new durable records), by a new configuration and by retryNow(). */
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong exported = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile JdbcSinkSettings settings;
    private volatile boolean closing;
    private volatile State state = State.OFF;
    private volatile long lastExported;
    private volatile long position; // next record to export
    private volatile String lastError = "";
    private volatile Instant lastErrorAt;
    private volatile Instant nextAttemptAt;
    /** Bumped by a new configuration and by retryNow(): ends a back-off wait (new records do not). */
    private final AtomicLong kicks = new AtomicLong();
    /** Sink-thread state from here on. */
    private JdbcSinkSettings active = JdbcSinkSettings.OFF;
    private Connection connection;
    private CdrTable table;
    private StoreTail tail;
    private long backoffMillis = FIRST_RETRY_MILLIS;

    JdbcSink(JdbcSinkSettings settings, Supplier<StorePosition> durable, JdbcConnector connector, String signer,
             Clock clock) {
        this.settings = settings;
        this.durable = durable;
        this.connector = connector;
        this.signer = signer;
        this.clock = clock;
        this.thread = new Thread(this::run, "tabphone-cdr-jdbc");
        this.thread.setDaemon(true);
    }

    JdbcSink start() {
        thread.start();
        return this;
    }

    /** A new configuration: takes effect at once (a changed database or table reconnects). */
    void apply(JdbcSinkSettings s) {
        settings = s;
        kicks.incrementAndGet();
        wake.release();
    }

    /** The writer made more records durable. Never blocks. */
    void durableMoved() {
        if (settings.enabled() && wake.availablePermits() == 0) {
            wake.release();
        }
    }

    void retryNow() {
        kicks.incrementAndGet();
        wake.release();
    }

    CdrSinkStats stats() {
        JdbcSinkSettings s = settings;
        State st = s.enabled() ? state : State.OFF;
        long behind = s.enabled() ? Math.max(0, durable.get().seq() - Math.max(1, position) + 1) : 0;
        return new CdrSinkStats(st, s.target(), s.enabled() ? s.table() : "", exported.get(), duplicates.get(),
            lastExported, behind, skipped.get(), lastError, lastErrorAt, st == State.RETRYING ? nextAttemptAt : null);
    }

    /** Stops the thread (what is not exported yet stays in the store and goes after the next start). */
    @Override
    public void close() {
        closing = true;
        wake.release();
        try {
            thread.join(10_000); // a statement in flight ends by socketTimeout at the latest
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!closing) {
            JdbcSinkSettings s = settings;
            if (!s.equals(active)) {
                disconnect();
                active = s;
                backoffMillis = FIRST_RETRY_MILLIS;
                lastError = "";
                LOG.info("CDR database sink: {}", s);
            }
            if (!s.enabled()) {
                state = State.OFF;
                await(60_000);
                continue;
            }
            try {
                if (!step(s)) {
                    await(IDLE_CHECK_MILLIS);
                    checkIdle();
                }
            } catch (SQLException | IOException | RuntimeException | LinkageError e) {
                failed(s, e);
            }
        }
        disconnect();
    }

    /** Connects if needed and exports one batch; false when there was nothing to export. */
    private boolean step(JdbcSinkSettings s) throws SQLException, IOException {
        StorePosition p = durable.get();
        if (connection == null || tail == null || !tail.dir().equals(p.dir())) {
            connect(s, p);
        }
        StoreTail.Mark mark = tail.mark();
        List<StoreTail.Line> batch = tail.read(s.batchSize(), p.seq());
        noteSkipped();
        if (batch.isEmpty()) {
            position = tail.nextSeq();
            return false;
        }
        try {
            int added = table.insert(connection, batch);
            exported.addAndGet(batch.size());
            duplicates.addAndGet(batch.size() - added);
            lastExported = batch.get(batch.size() - 1).seq();
            position = tail.nextSeq();
            lastError = "";
            backoffMillis = FIRST_RETRY_MILLIS;
            return true;
        } catch (SQLException | RuntimeException e) {
            tail.reset(mark); // this batch goes again after the reconnection
            throw e;
        }
    }

    private void connect(JdbcSinkSettings s, StorePosition p) throws SQLException, IOException {
        disconnect();
        state = State.CONNECTING;
        Connection c = connector.open(s);
        try {
            c.setAutoCommit(false);
            CdrTable t = new CdrTable(s, signer);
            t.ensure(c);
            StoreTail st = new StoreTail(p.dir());
            resume(c, t, st);
            connection = c;
            table = t;
            tail = st;
            position = st.nextSeq();
        } catch (SQLException | IOException | RuntimeException e) {
            close(c);
            throw e;
        }
        state = State.CONNECTED;
        nextAttemptAt = null;
        lastError = "";
        LOG.info("CDR database sink connected to {} (table {}): exporting from record {} on", s.target(), s.table(),
            position);
    }

    /**
     * Where to go on: after the newest record of ours the table holds, when that very line (same
     * hash) is in this store; otherwise (a new table, another directory's chain) from the oldest
     * record kept, the primary key dropping what the table already has.
     */
    private static void resume(Connection c, CdrTable t, StoreTail st) throws SQLException, IOException {
        long max = t.maxSeq(c);
        if (max > 0) {
            st.seek(max);
            List<StoreTail.Line> last = st.read(1, max);
            if (last.size() == 1 && last.get(0).seq() == max && t.contains(c, CdrLine.hash(last.get(0).bytes()))) {
                return; // positioned just after it
            }
        }
        st.seek(1);
        st.takeSkipped();
    }

    private void noteSkipped() {
        long n = tail.takeSkipped();
        if (n > 0) {
            skipped.addAndGet(n);
            LOG.error("CDR database sink: {} records before record {} were removed from the store (retention.days)"
                + " before they reached the database", n, tail.nextSeq());
        }
    }

    /** While idle, a dead database shows in the state before the next record needs it. */
    private void checkIdle() {
        if (connection == null || closing || !settings.equals(active)) {
            return;
        }
        try {
            if (!connection.isValid(5)) {
                throw new SQLException("the connection is no longer valid");
            }
        } catch (SQLException e) {
            failed(active, e);
        }
    }

    private void failed(JdbcSinkSettings s, Throwable e) {
        disconnect();
        String msg = describe(e);
        if (!msg.equals(lastError)) { // one line per distinct failure, not one per retry
            LOG.warn("CDR database sink ({}): {}; {} records waiting in the store, retrying with back-off up to {} s",
                s.target(), msg, stats().behind(), s.retryMaxMillis() / 1000);
        }
        lastError = msg;
        lastErrorAt = clock.instant();
        long wait = backoffMillis;
        backoffMillis = Math.min(backoffMillis * 2, s.retryMaxMillis());
        nextAttemptAt = clock.instant().plusMillis(wait);
        state = State.RETRYING;
        long kicked = kicks.get();
        long until = System.nanoTime() + wait * 1_000_000L;
        for (long left = wait; left > 0 && !closing && kicks.get() == kicked; left = (until - System.nanoTime()) / 1_000_000L) {
            await(left); // records ending meanwhile wake us, but do not cut the back-off short
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof LinkageError) {
            return "the PostgreSQL JDBC driver (bundle org.postgresql.jdbc) is not installed: " + e;
        }
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return e instanceof SQLException sql && sql.getSQLState() != null ? m + " (SQLState " + sql.getSQLState() + ")" : m;
    }

    /** Waits for a wake-up or the timeout; drains extra wake-ups so one burst of records wakes us once. */
    private void await(long millis) {
        try {
            if (wake.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                wake.drainPermits();
            }
        } catch (InterruptedException e) {
            closing = true;
        }
    }

    private void disconnect() {
        if (connection != null) {
            close(connection);
        }
        connection = null;
        table = null;
        tail = null;
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing the CDR database connection: {}", e.toString());
        }
    }
}
