package org.tabphone.cdr.api;

import java.time.Instant;

/**
 * The database sink's state. Its backlog is the store itself: {@code behind} records are durable
 * in the store and not yet confirmed by the database; they go as soon as it answers again.
 *
 * @param state          what it is doing
 * @param target         the database (JDBC URL, passwords masked, and user); empty when off
 * @param table          the table records go to
 * @param exported       records the database confirmed since the bundle started (new or already there)
 * @param duplicates     of those, records the table already held (sent again after a lost answer; inserted once)
 * @param lastExported   number of the newest record the database confirmed; 0 before the first
 * @param behind         durable records not yet in the database
 * @param skipped        records removed by retention before they could be exported (each range logged at ERROR)
 * @param lastError      the last failure, empty when the last attempt worked
 * @param lastErrorAt    when it happened, null when there was none
 * @param nextAttemptAt  while {@code RETRYING}: when the next attempt is due, else null
 */
public record CdrSinkStats(State state, String target, String table, long exported, long duplicates,
                           long lastExported, long behind, long skipped, String lastError, Instant lastErrorAt,
                           Instant nextAttemptAt) {

    /** {@code OFF}: no {@code jdbc.url}; {@code RETRYING}: the last attempt failed, waiting (back-off). */
    public enum State { OFF, CONNECTING, CONNECTED, RETRYING }
}
