package org.tabphone.admin.internal.jmx;

/** {@code org.tabphone:type=Cdr}: the CDR writer. */
public interface CdrMBean {
    long getRecordsWritten();

    int getQueueLength();

    /** Empty while writes succeed. */
    String getLastWriteError();

    long getLastRecord();

    /** Call ends refused because the writer's queue was full. */
    long getRecordsLost();
}
