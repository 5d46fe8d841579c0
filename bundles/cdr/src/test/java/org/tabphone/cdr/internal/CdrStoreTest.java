package org.tabphone.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tabphone.cdr.api.CdrQuery;
import org.tabphone.cdr.api.CdrRecord;
import org.tabphone.cdr.api.CdrVerification;
import org.tabphone.cdr.api.CdrVerification.Kind;

/** The writer, the verifier and the search over a real directory. */
class CdrStoreTest {
    @TempDir
    Path dir;
    private final SigningKey key = SigningKey.generate();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T20:00:00Z"), ZoneOffset.UTC);

    private CdrSettings settings(boolean perRecord, long rotateBytes) {
        return new CdrSettings(dir, perRecord, 100, rotateBytes, true, 0, 1000);
    }

    private void write(int from, int to, CdrSettings s) {
        CdrWriter w = new CdrWriter(s, key, clock).start();
        for (int i = from; i <= to; i++) {
            assertTrue(w.offer(CdrTestRecords.callEnd(i)));
        }
        w.close(); // drains the queue
        assertEquals(to - from + 1, w.written());
        assertEquals("", w.lastError());
    }

    private Path onlyFile() throws Exception {
        List<Path> files = CdrFiles.list(dir);
        assertEquals(1, files.size(), files.toString());
        return files.get(0);
    }

    private List<String> lines(Path f) throws Exception {
        return new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
    }

    private CdrVerification verify() throws Exception {
        return CdrVerifier.verify(dir, key);
    }

    private static String problems(CdrVerification v) {
        return v.problems().toString();
    }

    @Test
    void recordsAreNumberedChainedAndSignedAndAnIntactStoreVerifies() throws Exception {
        write(1, 10, settings(true, 0));
        Path f = onlyFile();
        assertEquals("cdr-20261129-000000000001.jsonl", f.getFileName().toString());
        List<String> lines = lines(f);
        assertEquals(10, lines.size());
        assertEquals(CdrLine.GENESIS, CdrLine.decode(lines.get(0)).prev());
        assertEquals(CdrLine.hash(lines.get(3).getBytes(StandardCharsets.UTF_8)), CdrLine.decode(lines.get(4)).prev());
        CdrRecord r = CdrLine.decode(lines.get(4)).record();
        assertEquals(5, r.seq());
        assertEquals("call-5", r.call());
        assertEquals(2500, r.durationMillis());

        CdrVerification v = verify();
        assertTrue(v.ok(), problems(v));
        assertEquals(10, v.records());
        assertEquals(1, v.firstSeq());
        assertEquals(10, v.lastSeq());
    }

    @Test
    void theChainContinuesAcrossRestartsAndBatchFsync() throws Exception {
        write(1, 5, settings(true, 0));
        write(6, 12, settings(false, 0));
        assertEquals(12, lines(onlyFile()).size());
        CdrVerification v = verify();
        assertTrue(v.ok(), problems(v));
        assertEquals(12, v.lastSeq());
    }

    @Test
    void oneEditedByteNamesThatRecordAndItsCall() throws Exception {
        write(1, 10, settings(true, 0));
        Path f = onlyFile();
        List<String> lines = lines(f);
        lines.set(6, lines.get(6).replace("\"cause\":200", "\"cause\":201"));
        Files.write(f, lines, StandardCharsets.UTF_8);

        CdrVerification v = verify();
        assertEquals(1, v.problems().size(), problems(v));
        CdrVerification.Problem p = v.problems().get(0);
        assertEquals(Kind.EDITED, p.kind());
        assertEquals(7, p.seq());
        assertEquals("call-7", p.call());
        assertEquals("cdr-20261129-000000000001.jsonl:7", p.where());
        assertTrue(p.detail().contains("record 7 (call call-7) was edited"), p.detail());
    }

    @Test
    void anEditThatBreaksTheLineIsNamedToo() throws Exception {
        write(1, 5, settings(true, 0));
        Path f = onlyFile();
        byte[] bytes = Files.readAllBytes(f);
        int at = new String(bytes, StandardCharsets.UTF_8).indexOf("\"seq\":3");
        bytes[at] = 'x'; // one byte: the quote before seq
        Files.write(f, bytes);

        CdrVerification v = verify();
        assertEquals(1, v.problems().size(), problems(v));
        assertEquals(Kind.UNREADABLE, v.problems().get(0).kind());
        assertEquals(3, v.problems().get(0).seq());
        assertTrue(v.problems().get(0).detail().contains("after call call-2"), problems(v));
    }

    @Test
    void aRemovedRecordIsNamedWithTheCallsAroundIt() throws Exception {
        write(1, 10, settings(true, 0));
        Path f = onlyFile();
        List<String> lines = lines(f);
        lines.remove(4); // record 5
        Files.write(f, lines, StandardCharsets.UTF_8);

        CdrVerification v = verify();
        assertEquals(1, v.problems().size(), problems(v));
        CdrVerification.Problem p = v.problems().get(0);
        assertEquals(Kind.MISSING, p.kind());
        assertEquals(5, p.seq());
        assertTrue(p.detail().contains("record 5 is missing (removed after call call-4, before call call-6)"),
            p.detail());
    }

    @Test
    void removingTheFirstRecordIsNoticedFromTheFileName() throws Exception {
        write(1, 3, settings(true, 0));
        Path f = onlyFile();
        List<String> lines = lines(f);
        lines.remove(0); // the very first record
        Files.write(f, lines, StandardCharsets.UTF_8);
        CdrVerification v = verify();
        assertEquals(1, v.problems().size(), problems(v));
        assertEquals(Kind.MISSING, v.problems().get(0).kind());
        assertEquals(1, v.problems().get(0).seq());
    }

    @Test
    void recordsCutFromTheEndAreNoticedWhileTheWriterKnowsHowFarItWrote() throws Exception {
        write(1, 5, settings(true, 0));
        Path f = onlyFile();
        List<String> lines = lines(f);
        Files.write(f, lines.subList(0, 3), StandardCharsets.UTF_8);
        assertTrue(CdrVerifier.verify(dir, key).ok(), "a shorter chain is still a chain");
        CdrVerification v = CdrVerifier.verify(dir, key, 5);
        assertEquals(1, v.problems().size(), problems(v));
        assertTrue(v.problems().get(0).detail().contains("records 4-5 are missing at the end"), problems(v));
    }

    @Test
    void twoSwappedRecordsAreNamedOutOfOrder() throws Exception {
        write(1, 10, settings(true, 0));
        Path f = onlyFile();
        List<String> lines = lines(f);
        String third = lines.get(2);
        lines.set(2, lines.get(3));
        lines.set(3, third);
        Files.write(f, lines, StandardCharsets.UTF_8);

        CdrVerification v = verify();
        assertEquals(1, v.problems().size(), problems(v));
        CdrVerification.Problem p = v.problems().get(0);
        assertEquals(Kind.OUT_OF_ORDER, p.kind());
        assertEquals(3, p.seq());
        assertEquals("call-3", p.call());
        assertTrue(p.detail().contains("found after record 4"), p.detail());
    }

    @Test
    void aDuplicatedRecordIsNamed() throws Exception {
        write(1, 4, settings(true, 0));
        Path f = onlyFile();
        List<String> lines = lines(f);
        lines.add(2, lines.get(1));
        Files.write(f, lines, StandardCharsets.UTF_8);
        CdrVerification v = verify();
        assertEquals(1, v.problems().size(), problems(v));
        assertTrue(v.problems().get(0).detail().contains("record 2 (call call-2) is out of order"), problems(v));
    }

    @Test
    void aTornLastLineIsCutAtStartAndTheChainContinues() throws Exception {
        write(1, 4, settings(true, 0));
        Path f = onlyFile();
        String full = lines(f).get(3);
        // a kill -9 in the middle of the fifth write: half a line, no newline
        Files.writeString(f, full.substring(0, full.length() / 2).replace("\"seq\":4", "\"seq\":5"),
            StandardOpenOption.APPEND);
        assertEquals(4, CdrFiles.lines(f).size(), "readers skip the unfinished line");

        write(5, 6, settings(true, 0));
        List<String> lines = lines(f);
        assertEquals(6, lines.size());
        assertTrue(lines.stream().allMatch(l -> l.endsWith("\"}")), "no torn line left");
        assertEquals(5, CdrLine.decode(lines.get(4)).record().seq());
        assertEquals("call-5", CdrLine.decode(lines.get(4)).record().call());
        CdrVerification v = verify();
        assertTrue(v.ok(), problems(v));
        assertEquals(6, v.lastSeq());
    }

    @Test
    void filesRotateBySizeAndTheChainRunsAcrossThem() throws Exception {
        write(1, 10, settings(true, 1500)); // ~600 bytes per record: 3 per file
        List<Path> files = CdrFiles.list(dir);
        assertTrue(files.size() >= 3, files.toString());
        assertEquals("cdr-20261129-000000000001.jsonl", files.get(0).getFileName().toString());
        CdrVerification v = verify();
        assertTrue(v.ok(), problems(v));
        assertEquals(10, v.records());

        Files.delete(files.get(1)); // a whole file gone
        v = verify();
        assertEquals(1, v.problems().size(), problems(v));
        assertEquals(Kind.MISSING, v.problems().get(0).kind());
    }

    @Test
    void filesRotateWhenTheDayChanges() throws Exception {
        write(1, 2, settings(true, 0));
        Clock tomorrow = Clock.fixed(Instant.parse("2026-11-30T00:00:01Z"), ZoneOffset.UTC);
        CdrWriter w = new CdrWriter(settings(true, 0), key, tomorrow).start();
        w.offer(CdrTestRecords.callEnd(3));
        w.close();
        List<Path> files = CdrFiles.list(dir);
        assertEquals(2, files.size());
        assertEquals("cdr-20261130-000000000003.jsonl", files.get(1).getFileName().toString());
        assertTrue(verify().ok());
    }

    @Test
    void retentionDeletesOldFilesButNeverTheCurrentOne() throws Exception {
        write(1, 6, settings(true, 1500));
        List<Path> files = CdrFiles.list(dir);
        for (Path f : files) {
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        }
        Path current = files.get(files.size() - 1);
        assertEquals(files.size() - 1, Retention.apply(dir, 30, current, clock.instant()));
        assertEquals(List.of(current), CdrFiles.list(dir));
        CdrVerification v = verify(); // the oldest kept record starts the check
        assertTrue(v.ok(), problems(v));
        assertTrue(v.firstSeq() > 1);
    }

    @Test
    void verifyWhileTheWriterAppendsSeesNoProblem() throws Exception {
        // a queue that holds all 1500: offer() never waits, and fsync per record on a slow disk falls behind
        CdrWriter w = new CdrWriter(new CdrSettings(dir, true, 100, 16 * 1024, true, 0, 2000), key, clock).start();
        try {
            for (int i = 1; i <= 1500; i++) {
                w.offer(CdrTestRecords.callEnd(i));
                if (i % 300 == 0) {
                    CdrVerification v = verify(); // lines appended between its two passes wait for the next one
                    assertTrue(v.ok(), problems(v));
                }
            }
        } finally {
            w.close();
        }
        CdrVerification v = verify();
        assertTrue(v.ok(), problems(v));
        assertEquals(1500, v.lastSeq());
    }

    @Test
    void searchFindsTheNewestMatchingRecordsFirst() throws Exception {
        write(1, 10, settings(true, 1500));
        List<CdrRecord> found = CdrSearch.search(dir, new CdrQuery("demo", "office", "1002", 3));
        assertEquals(List.of("call-10", "call-9", "call-8"), found.stream().map(CdrRecord::call).toList());
        assertTrue(CdrSearch.search(dir, new CdrQuery("other", "", "", 10)).isEmpty());
        assertEquals(10, CdrSearch.search(dir, new CdrQuery("", "", "", 50)).size());
    }
}
