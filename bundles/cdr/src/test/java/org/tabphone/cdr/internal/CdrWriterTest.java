package org.tabphone.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tabphone.call.api.CallEvent;
import org.tabphone.cdr.api.CdrRecord;

class CdrWriterTest {
    @TempDir
    Path tmp;

    @Test
    void aFailingDirectoryKeepsTheRecordsQueuedAndReportsTheErrorUntilItWorksAgain() throws Exception {
        Path dir = tmp.resolve("cdr");
        Files.writeString(dir, "not a directory");
        CdrWriter w = new CdrWriter(new CdrSettings(dir, true, 100, 0, true, 0, 10), SigningKey.generate(),
            Clock.systemUTC()).start();
        try {
            w.offer(CdrTestRecords.callEnd(1));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (w.lastError().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(w.lastError().contains(dir.toString()), w.lastError());
            assertEquals(1, w.queueLength());
            assertEquals(0, w.written());

            Files.delete(dir); // the operator fixes it: the next retry (1 s) writes
            while (w.written() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, w.written());
            assertEquals("", w.lastError());
            assertEquals(0, w.queueLength());
        } finally {
            w.close();
        }
    }

    @Test
    void aNewDirectoryAppliesToTheNextRecordAndStartsItsOwnChain() throws Exception {
        SigningKey key = SigningKey.generate();
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        CdrWriter w = new CdrWriter(new CdrSettings(a, false, 60_000, 0, true, 0, 10), key, Clock.systemUTC()).start();
        w.offer(CdrTestRecords.callEnd(1));
        w.offer(CdrTestRecords.callEnd(2));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (w.lastSeq() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        w.apply(new CdrSettings(b, true, 1000, 0, true, 0, 10));
        w.offer(CdrTestRecords.callEnd(3));
        w.close();
        assertEquals(3, w.written(), "batch mode's unsynced records are synced before the move");
        assertEquals(2, CdrVerifier.verify(a, key).lastSeq());
        assertTrue(CdrVerifier.verify(a, key).ok());
        assertEquals(1, CdrVerifier.verify(b, key).lastSeq());
        assertEquals("call-3", CdrSearch.search(b, new org.tabphone.cdr.api.CdrQuery("", "", "", 5)).get(0).call());
    }

    @Test
    void aFullQueueRefusesWithoutBlocking() {
        CdrWriter w = new CdrWriter(new CdrSettings(tmp, true, 100, 0, true, 0, 2), SigningKey.generate(),
            Clock.systemUTC()); // not started: nothing drains
        assertTrue(w.offer(CdrTestRecords.callEnd(1)));
        assertTrue(w.offer(CdrTestRecords.callEnd(2)));
        assertEquals(false, w.offer(CdrTestRecords.callEnd(3)));
    }

    @Test
    void aCallEndBecomesARecordWithTalkTimeFromTheAnswer() {
        Instant start = Instant.parse("2026-11-29T20:00:00Z");
        CallEvent answered = new CallEvent(CallEvent.Type.ENDED, "c1", "demo", "sip:a@x", "sip:b@x",
            start.plusSeconds(65), 200, "callee", start, start.plusSeconds(5), "browser->phone", "", "", "");
        CdrRecord r = CallEndRecords.of(answered);
        assertEquals(60_000, r.durationMillis());
        assertEquals(start, r.started());
        assertEquals(start.plusSeconds(65), r.ended());
        assertEquals("browser->phone", r.direction());
        assertEquals("callee", r.endedBy());

        CallEvent cancelled = new CallEvent(CallEvent.Type.ENDED, "c2", "demo", "sip:a@x", "sip:b@x",
            start.plusSeconds(3), 487, "caller", start, null, "phone->none", "", "", "");
        assertEquals(0, CallEndRecords.of(cancelled).durationMillis());
        assertEquals(null, CallEndRecords.of(cancelled).answered());
    }
}
