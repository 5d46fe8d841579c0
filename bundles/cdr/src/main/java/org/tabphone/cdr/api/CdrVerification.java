package org.tabphone.cdr.api;

import java.util.List;

/**
 * What {@link CdrStore#verify()} found.
 *
 * @param records  records read (readable lines)
 * @param firstSeq sequence number of the oldest record kept (older ones removed by retention), 0 when empty
 * @param lastSeq  sequence number of the newest record, 0 when empty
 * @param problems every edited, missing, out-of-order or unreadable record; empty when the store is intact
 */
public record CdrVerification(long records, long firstSeq, long lastSeq, List<Problem> problems) {
    public CdrVerification {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** What is wrong with which record. */
    public enum Kind { EDITED, MISSING, OUT_OF_ORDER, UNREADABLE, CHAIN_BROKEN }

    /**
     * One finding.
     *
     * @param kind   what
     * @param seq    the record's sequence number (for MISSING: the first missing one)
     * @param call   its call id, when known (empty for a missing or unreadable record)
     * @param where  file and line, e.g. {@code cdr-20261129-000000000001.jsonl:17}
     * @param detail one readable sentence
     */
    public record Problem(Kind kind, long seq, String call, String where, String detail) {
    }
}
