package org.tabphone.cdr.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.cdr.api.CdrRecord;

/**
 * The records' table in PostgreSQL: key columns to query by, plus the complete signed line
 * ({@code line}), so the chain and every signature can be checked from the database alone and
 * fields added to a record later need no new column. The primary key is the line's SHA-256
 * ({@code hash}, which the next record carries as {@code prev}): a record sent twice (a retry
 * after a commit whose answer was lost) is inserted once. {@code signer} names the installation
 * (its public key's fingerprint), so several gateways can share one table.
 */
final class CdrTable {
    private static final Logger LOG = LoggerFactory.getLogger(CdrTable.class);

    private final String table;
    private final String indexPrefix;
    private final String signer;

    CdrTable(JdbcSinkSettings s, String signer) {
        this.table = s.table();
        this.indexPrefix = s.tableName();
        this.signer = signer;
    }

    /** Creates the table and its indexes when missing (idempotent, safe with several gateways). */
    void ensure(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                + "hash char(64) PRIMARY KEY, signer text NOT NULL, seq bigint NOT NULL, prev char(64),"
                + " call_id text, tenant text, caller text, callee text, direction text, trunk text,"
                + " started timestamptz, answered timestamptz, ended timestamptz, duration_ms bigint, cause integer,"
                + " ended_by text, line text NOT NULL, inserted_at timestamptz NOT NULL DEFAULT now())");
            st.execute("CREATE INDEX IF NOT EXISTS " + indexPrefix + "_signer_seq ON " + table + " (signer, seq)");
            st.execute("CREATE INDEX IF NOT EXISTS " + indexPrefix + "_call ON " + table + " (call_id)");
            st.execute("CREATE INDEX IF NOT EXISTS " + indexPrefix + "_tenant_started ON " + table + " (tenant, started)");
        }
        c.commit();
    }

    /** The highest record number of this installation in the table, 0 when it has none. */
    long maxSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT max(seq) FROM " + table + " WHERE signer = ?")) {
            ps.setString(1, signer);
            try (ResultSet rs = ps.executeQuery()) {
                long max = rs.next() ? rs.getLong(1) : 0;
                c.commit();
                return max;
            }
        }
    }

    boolean contains(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                boolean found = rs.next();
                c.commit();
                return found;
            }
        }
    }

    /** Inserts a batch in one transaction; returns how many were new (the rest were there already). */
    int insert(Connection c, List<StoreTail.Line> lines) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (hash, signer, seq, prev, call_id,"
            + " tenant, caller, callee, direction, trunk, started, answered, ended, duration_ms, cause, ended_by, line)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING")) {
            for (StoreTail.Line line : lines) {
                bind(ps, line);
                ps.addBatch();
            }
            int inserted = 0;
            for (int n : ps.executeBatch()) {
                inserted += n > 0 ? 1 : 0;
            }
            c.commit();
            return inserted;
        } catch (SQLException e) {
            rollback(c);
            throw e;
        }
    }

    private void bind(PreparedStatement ps, StoreTail.Line line) throws SQLException {
        // PostgreSQL text holds no NUL; a tampered line keeps every other byte (verify finds it either way)
        String text = new String(line.bytes(), StandardCharsets.UTF_8).replace('\0', '\uFFFD');
        ps.setString(1, CdrLine.hash(line.bytes()));
        ps.setString(2, signer);
        ps.setString(17, text);
        CdrLine.Parsed p;
        try {
            p = CdrLine.decode(text);
        } catch (IllegalArgumentException e) { // unreadable (edited) line: kept whole, key columns empty
            LOG.warn("CDR record {} is unreadable ({}); exported as its line only", line.seq(), e.getMessage());
            ps.setLong(3, line.seq());
            for (int i = 4; i <= 16; i++) {
                ps.setNull(i, i == 14 ? Types.BIGINT : i == 15 ? Types.INTEGER
                    : i >= 11 && i <= 13 ? Types.TIMESTAMP_WITH_TIMEZONE : Types.VARCHAR);
            }
            return;
        }
        CdrRecord r = p.record();
        ps.setLong(3, r.seq());
        ps.setString(4, p.prev());
        ps.setString(5, r.call());
        ps.setString(6, r.tenant());
        ps.setString(7, r.caller());
        ps.setString(8, r.callee());
        ps.setString(9, r.direction());
        ps.setString(10, r.trunk());
        ps.setObject(11, time(r.started()), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setObject(12, time(r.answered()), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setObject(13, time(r.ended()), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setLong(14, r.durationMillis());
        ps.setInt(15, r.cause());
        ps.setString(16, r.endedBy());
    }

    private static OffsetDateTime time(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback: {}", e.toString()); // the connection is dropped anyway
        }
    }
}
