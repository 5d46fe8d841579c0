package org.tabphone.cdr.internal;

import java.util.regex.Pattern;

/**
 * The validated {@code jdbc.*} keys of {@link CdrConfig}: immutable, swapped in whole. The
 * password never appears in {@link #toString()} or {@link #target()}.
 *
 * @param url          PostgreSQL JDBC URL; empty: the sink is off
 * @param user         database user (may be empty: the URL or the server decides)
 * @param password     database password
 * @param table        table, optionally {@code schema.table}, lower-case SQL identifiers
 * @param batchSize    records per transaction, at most
 * @param retryMaxMillis longest back-off between two failed attempts
 */
record JdbcSinkSettings(String url, String user, String password, String table, int batchSize, long retryMaxMillis) {
    static final JdbcSinkSettings OFF = new JdbcSinkSettings("", "", "", "cdr", 500, 30_000);
    private static final Pattern TABLE = Pattern.compile("([a-z_][a-z0-9_]{0,62}\\.)?[a-z_][a-z0-9_]{0,62}");
    /** Credentials written into a URL are not shown. */
    private static final Pattern URL_SECRET = Pattern.compile("(?i)(password=)[^&]*");

    /** @throws IllegalArgumentException naming the bad key */
    static JdbcSinkSettings from(CdrConfig c) {
        String url = c.jdbc_url().trim();
        if (!url.isEmpty() && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbc.url: a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), not '"
                + URL_SECRET.matcher(url).replaceAll("$1***") + "'");
        }
        String table = c.jdbc_table().trim();
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("jdbc.table: a lower-case SQL name (letters, digits, _), optionally"
                + " schema.table, not '" + c.jdbc_table() + "'");
        }
        if (c.jdbc_batch_size() < 1 || c.jdbc_batch_size() > 10_000) {
            throw new IllegalArgumentException("jdbc.batch.size: 1-10000, not " + c.jdbc_batch_size());
        }
        if (c.jdbc_retry_max_seconds() < 1 || c.jdbc_retry_max_seconds() > 3600) {
            throw new IllegalArgumentException("jdbc.retry.max.seconds: 1-3600, not " + c.jdbc_retry_max_seconds());
        }
        return new JdbcSinkSettings(url, c.jdbc_user().trim(), c.jdbc_password(), table, c.jdbc_batch_size(),
            c.jdbc_retry_max_seconds() * 1000L);
    }

    boolean enabled() {
        return !url.isEmpty();
    }

    /** Where the records go, for the shell and JMX: the URL (any password in it masked) and the user. */
    String target() {
        if (!enabled()) {
            return "";
        }
        String shown = URL_SECRET.matcher(url).replaceAll("$1***");
        return user.isEmpty() ? shown : shown + " as " + user;
    }

    /** The unqualified table name, for naming its indexes. */
    String tableName() {
        return table.substring(table.indexOf('.') + 1);
    }

    @Override
    public String toString() {
        return enabled() ? target() + " table " + table : "off";
    }
}
