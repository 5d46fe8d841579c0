package org.tabphone.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tabphone.cdr.api.CdrSinkStats;

/** The database sink against a real PostgreSQL server (see {@link PostgresServer}). */
class JdbcSinkTest {
    private static PostgresServer pg;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startPostgres() throws Exception {
        Path bin = PostgresServer.findBin();
        Assumptions.assumeTrue(bin != null, "PostgreSQL is not installed (./tabphone test installs postgresql-15)");
        pg = PostgresServer.start(bin);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    private JdbcSinkSettings settings(String table) {
        return new JdbcSinkSettings(pg.url(), PostgresServer.USER, PostgresServer.PASSWORD, table, 7, 1000);
    }

    private CdrWriter writer(Path dir) {
        return new CdrWriter(new CdrSettings(dir, true, 100, 0, true, 0, 1000), SigningKey.generate(),
            Clock.systemUTC()).start();
    }

    private static JdbcSink sink(JdbcSinkSettings s, CdrWriter w) {
        JdbcSink sink = new JdbcSink(s, w::durable, new PgConnector(), "test-signer", Clock.systemUTC()).start();
        w.onDurable(sink::durableMoved);
        return sink;
    }

    private static void offer(CdrWriter w, int from, int to) {
        for (int i = from; i <= to; i++) {
            w.offer(CdrTestRecords.callEnd(i));
        }
    }

    private static Connection db() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", PostgresServer.USER);
        p.setProperty("password", PostgresServer.PASSWORD);
        return new org.postgresql.Driver().connect(pg.url(), p);
    }

    private static List<String> column(String sql) throws SQLException {
        try (Connection c = db(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static void await(String what, BooleanSupplier done, JdbcSink sink) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what + "; sink " + sink.stats());
            }
            Thread.sleep(20);
        }
    }

    private List<String> storeLines(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        for (Path f : CdrFiles.list(dir)) {
            out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void everyDurableRecordGoesToTheTableOnceWithItsColumnsAndItsSignedLine() throws Exception {
        Path dir = tmp.resolve("cdr");
        CdrWriter w = writer(dir);
        JdbcSink sink = sink(settings("cdr_all"), w);
        try {
            offer(w, 1, 40);
            await("40 records exported", () -> sink.stats().lastExported() == 40, sink);
            assertEquals(CdrSinkStats.State.CONNECTED, sink.stats().state());
            assertEquals(0, sink.stats().behind());
            assertEquals(storeLines(dir), column("SELECT line FROM cdr_all ORDER BY seq"));
            assertEquals(List.of("40"), column("SELECT count(DISTINCT seq) FROM cdr_all WHERE signer = 'test-signer'"));
            List<String> row = new ArrayList<>();
            try (Connection c = db(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT call_id, tenant, caller, callee, direction, duration_ms, cause, ended_by, started, answered,"
                    + " ended, prev FROM cdr_all WHERE seq = 7")) {
                assertTrue(rs.next());
                for (int i = 1; i <= 8; i++) {
                    row.add(rs.getString(i));
                }
                assertEquals(CdrTestRecords.T0.plusSeconds(7), rs.getTimestamp(9).toInstant());
                assertEquals(CdrTestRecords.T0.plusSeconds(7).plusMillis(1500), rs.getTimestamp(10).toInstant());
                assertEquals(CdrTestRecords.T0.plusSeconds(7).plusMillis(4000), rs.getTimestamp(11).toInstant());
                assertEquals(CdrLine.hash(storeLines(dir).get(5).getBytes(StandardCharsets.UTF_8)), rs.getString(12));
            }
            assertEquals(List.of("call-7", "demo", "sip:office@127.0.0.1", "sip:1002@demo.tabphone.test",
                "phone->phone", "2500", "200", "caller"), row);
        } finally {
            sink.close();
            w.close();
        }
    }

    @Test
    void aDeadDatabaseLeavesTheRecordsInTheStoreAndTheSinkCatchesUpWithoutDuplicatesWhenItReturns() throws Exception {
        Path dir = tmp.resolve("cdr");
        CdrWriter w = writer(dir);
        JdbcSink sink = sink(settings("cdr_outage"), w);
        try {
            offer(w, 1, 20);
            await("20 records exported", () -> sink.stats().lastExported() == 20, sink);
            pg.stopServer();
            offer(w, 21, 50); // the writer does not wait for the database
            await("all 50 durable in the store", () -> w.durable().seq() == 50, sink);
            await("the sink retrying", () -> sink.stats().state() == CdrSinkStats.State.RETRYING, sink);
            CdrSinkStats down = sink.stats();
            assertEquals(30, down.behind(), down.toString());
            assertFalse(down.lastError().isEmpty());
            assertNotNull(down.lastErrorAt());
            assertNotNull(down.nextAttemptAt());
            assertEquals(50, w.written());

            pg.startServer();
            await("caught up", () -> sink.stats().lastExported() == 50, sink);
            CdrSinkStats up = sink.stats();
            assertEquals(CdrSinkStats.State.CONNECTED, up.state());
            assertEquals(0, up.behind());
            assertEquals("", up.lastError());
            assertEquals(storeLines(dir), column("SELECT line FROM cdr_outage ORDER BY seq"));
            assertEquals(List.of("50"), column("SELECT count(*) FROM cdr_outage"));
        } finally {
            sink.close();
            w.close();
        }
    }

    @Test
    void aRestartedSinkGoesOnAfterTheNewestRecordTheTableHasAndANewTableAppliesLive() throws Exception {
        Path dir = tmp.resolve("cdr");
        CdrWriter w = writer(dir);
        JdbcSink first = sink(settings("cdr_restart"), w);
        offer(w, 1, 15);
        await("15 exported", () -> first.stats().lastExported() == 15, first);
        first.close();
        offer(w, 16, 30);
        await("30 durable", () -> w.durable().seq() == 30, first);

        JdbcSink second = sink(settings("cdr_restart"), w);
        try {
            await("30 exported by the second", () -> second.stats().lastExported() == 30, second);
            assertEquals(15, second.stats().exported()); // it sent only what the table lacked
            assertEquals(0, second.stats().duplicates());
            assertEquals(List.of("30"), column("SELECT count(*) FROM cdr_restart"));

            second.apply(settings("cdr_second")); // a new table: created, and the whole store goes there
            await("30 in the new table", () -> {
                try {
                    return column("SELECT count(*) FROM cdr_second").equals(List.of("30"));
                } catch (SQLException e) {
                    return false;
                }
            }, second);
            assertEquals(storeLines(dir), column("SELECT line FROM cdr_second ORDER BY seq"));
        } finally {
            second.close();
            w.close();
        }
    }
}
