package org.tabphone.cdr.internal;

import java.time.Instant;

import org.tabphone.cdr.api.CdrRecord;

/** Call ends as the component hands them to the writer (seq 0). */
final class CdrTestRecords {
    static final Instant T0 = Instant.parse("2026-11-29T20:00:00.123Z");

    private CdrTestRecords() {
    }

    static CdrRecord callEnd(int i) {
        Instant start = T0.plusSeconds(i);
        return new CdrRecord(0, "call-" + i, "demo", "sip:office@127.0.0.1", "sip:1002@demo.tabphone.test",
            "phone->phone", "", "", "", start, start.plusMillis(1500), start.plusMillis(4000), 2500, 200, "caller");
    }
}
