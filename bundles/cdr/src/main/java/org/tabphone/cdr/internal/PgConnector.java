package org.tabphone.cdr.internal;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections from the PostgreSQL driver bundle ({@code org.postgresql.jdbc}, imported optionally:
 * without it the store works and the sink reports the missing driver). The driver is called
 * directly, not through {@code DriverManager}, whose class-loader checks do not fit OSGi. Timeouts
 * bound every wait on a dead or hung server, so the sink thread always comes back to report it.
 */
final class PgConnector implements JdbcConnector {
    private static final int CONNECT_TIMEOUT_SECONDS = 5;
    private static final int SOCKET_TIMEOUT_SECONDS = 30;

    private Driver driver;

    @Override
    public Connection open(JdbcSinkSettings s) throws SQLException {
        if (driver == null) {
            driver = new org.postgresql.Driver(); // NoClassDefFoundError without the driver bundle: reported as such
        }
        Properties p = new Properties();
        if (!s.user().isEmpty()) {
            p.setProperty("user", s.user());
        }
        if (!s.password().isEmpty()) {
            p.setProperty("password", s.password());
        }
        p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        p.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        p.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "tabphone-cdr");
        Connection c = driver.connect(s.url(), p);
        if (c == null) {
            throw new SQLException("the PostgreSQL driver does not take this URL: " + s.target());
        }
        return c;
    }
}
