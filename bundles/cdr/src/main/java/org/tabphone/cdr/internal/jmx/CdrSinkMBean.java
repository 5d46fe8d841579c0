package org.tabphone.cdr.internal.jmx;

/** {@code org.tabphone:type=CdrSink}: the CDR database sink. */
public interface CdrSinkMBean {
    /** {@code OFF}, {@code CONNECTING}, {@code CONNECTED} or {@code RETRYING}. */
    String getState();

    boolean isConnected();

    /** JDBC URL (passwords masked) and user. */
    String getDatabase();

    String getTable();

    /** Records the database confirmed since the bundle started. */
    long getRecordsExported();

    /** Of those, records it already had (sent again after a lost answer; stored once). */
    long getDuplicatesSkipped();

    /** Newest record number in the database. */
    long getLastExported();

    /** Durable records in the store not yet in the database. */
    long getQueued();

    /** Records removed by retention before they were exported. */
    long getSkipped();

    /** Empty while the database works. */
    String getLastError();

    /** ISO-8601, empty when there was no error. */
    String getLastErrorTime();

    /** Ends a back-off wait: the next attempt starts at once. */
    void retryNow();
}
