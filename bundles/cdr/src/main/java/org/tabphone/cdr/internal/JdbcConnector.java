package org.tabphone.cdr.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a connection for the sink; {@link PgConnector} in the gateway. */
@FunctionalInterface
interface JdbcConnector {
    Connection open(JdbcSinkSettings s) throws SQLException;
}
