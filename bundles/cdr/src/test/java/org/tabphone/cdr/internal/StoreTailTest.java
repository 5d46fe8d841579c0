package org.tabphone.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTailTest {
    @TempDir
    Path dir;

    /** Writes records 1..n, a new file every {@code perFile} records. */
    private void write(int n, int perFile) throws Exception {
        SigningKey key = SigningKey.generate();
        CdrSettings s = new CdrSettings(dir, true, 1000, 0, false, 0, 10);
        try (ChainedLog log = ChainedLog.open(dir, key, Clock.systemUTC(), x -> { })) {
            for (int i = 1; i <= n; i++) {
                log.append(CdrTestRecords.callEnd(i), s);
                log.sync();
            }
        }
        if (perFile > 0) { // split the one file into several, named by their first record
            Path one = CdrFiles.list(dir).get(0);
            List<String> lines = Files.readAllLines(one);
            Files.delete(one);
            for (int from = 0; from < lines.size(); from += perFile) {
                Path f = dir.resolve(CdrFiles.name(CdrFiles.dayOf(one), from + 1));
                Files.write(f, lines.subList(from, Math.min(lines.size(), from + perFile)));
            }
        }
    }

    private static long seqOf(StoreTail.Line l) {
        return CdrLine.decode(new String(l.bytes(), StandardCharsets.UTF_8)).record().seq();
    }

    @Test
    void readsInOrderAcrossRotatedFilesAndNeverPastTheDurableRecord() throws Exception {
        write(25, 10);
        StoreTail t = new StoreTail(dir);
        t.seek(1);
        List<StoreTail.Line> first = t.read(100, 17);
        assertEquals(17, first.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(i + 1, first.get(i).seq());
            assertEquals(i + 1, seqOf(first.get(i)));
        }
        assertEquals(List.of(), t.read(100, 17));
        List<StoreTail.Line> rest = t.read(100, 25);
        assertEquals(8, rest.size());
        assertEquals(18, seqOf(rest.get(0)));
        assertEquals(25, seqOf(rest.get(7)));
    }

    @Test
    void seeksToARecordAndGoesBackToAMark() throws Exception {
        write(25, 10);
        StoreTail t = new StoreTail(dir);
        t.seek(13);
        StoreTail.Mark m = t.mark();
        assertEquals(13, seqOf(t.read(3, 25).get(0)));
        t.reset(m);
        assertEquals(13, seqOf(t.read(1, 25).get(0)));
        assertEquals(14, t.nextSeq());
    }

    @Test
    void aLineWithoutItsNewlineIsNotReadUntilItIsComplete() throws Exception {
        write(3, 0);
        Path f = CdrFiles.list(dir).get(0);
        byte[] whole = Files.readAllBytes(f);
        String third = Files.readAllLines(f).get(2);
        Files.write(f, java.util.Arrays.copyOf(whole, whole.length - 20));
        StoreTail t = new StoreTail(dir);
        t.seek(1);
        assertEquals(2, t.read(100, 3).size());
        Files.write(f, (third.substring(third.length() - 19) + "\n").getBytes(StandardCharsets.UTF_8),
            StandardOpenOption.APPEND);
        List<StoreTail.Line> l = t.read(100, 3);
        assertEquals(1, l.size());
        assertEquals(3, seqOf(l.get(0)));
    }

    @Test
    void filesRemovedBeforeTheyWereReadAreCountedAsSkipped() throws Exception {
        write(30, 10);
        StoreTail t = new StoreTail(dir);
        t.seek(1);
        t.read(5, 30);
        List<Path> files = CdrFiles.list(dir);
        Files.delete(files.get(0));
        Files.delete(files.get(1));
        List<StoreTail.Line> l = t.read(100, 30);
        assertEquals(21, seqOf(l.get(0)));
        assertEquals(10, l.size());
        assertEquals(15, t.takeSkipped());
        assertTrue(t.read(100, 30).isEmpty());
    }
}
