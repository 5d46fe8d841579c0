package org.tabphone.cdr.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.tabphone.cdr.cfg}. */
@ObjectClassDefinition(name = "Tabphone CDRs", description = "Where and how call detail records are written")
public @interface CdrConfig {
    @AttributeDefinition(description = "Directory of the record files; empty: ${karaf.data}/tabphone/cdr")
    String directory() default "";

    @AttributeDefinition(description = "record: every record is fsynced before the writer takes the next ones"
        + " (records that end together share one fsync); batch: fsync at most every fsync.interval.ms")
    String fsync() default "record";

    @AttributeDefinition(description = "batch mode: the longest a written record waits for its fsync (ms)")
    int fsync_interval_ms() default 1000;

    @AttributeDefinition(description = "Start a new file when the current one reaches this size (MiB); 0: never")
    int rotate_size_mb() default 64;

    @AttributeDefinition(description = "Start a new file when the day (UTC) changes")
    boolean rotate_daily() default true;

    @AttributeDefinition(description = "Delete record files last written more than this many days ago; 0: keep all")
    int retention_days() default 0;

    @AttributeDefinition(description = "Call ends waiting for the writer, at most; read at start only")
    int queue_capacity() default 100_000;

    @AttributeDefinition(description = "PostgreSQL JDBC URL the records are also inserted into, e.g."
        + " jdbc:postgresql://db.example:5432/tabphone; empty: no database")
    String jdbc_url() default "";

    @AttributeDefinition(description = "Database user")
    String jdbc_user() default "";

    @AttributeDefinition(description = "Database password", type = AttributeType.PASSWORD)
    String jdbc_password() default "";

    @AttributeDefinition(description = "Table (optionally schema.table) the records go to; created if missing")
    String jdbc_table() default "cdr";

    @AttributeDefinition(description = "Records inserted per transaction, at most")
    int jdbc_batch_size() default 500;

    @AttributeDefinition(description = "Longest wait between two attempts while the database fails (seconds);"
        + " the wait starts at 1 s and doubles")
    int jdbc_retry_max_seconds() default 30;
}
