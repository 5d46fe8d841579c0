package org.tabphone.cdr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.tabphone.cdr.api.CdrVerification;

/**
 * kill -9 of a process in the middle of writing records: every record it reported durable is
 * there afterwards, a torn last line is cut on the next start, and the chain verifies and goes on.
 */
class CdrKillTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"record", "batch"})
    void noDurableRecordIsLostOrTornByAKill9(String fsync) throws Exception {
        long base = 0; // records on disk before this round's process started
        for (int round = 1; round <= 2; round++) {
            long durable = runAndKill(fsync, 300 * round);
            SigningKey key = SigningKey.loadOrCreate(dir);
            CdrVerification before = CdrVerifier.verify(dir, key);
            // an unfinished last line is not a record: readers skip it, the writer cuts it
            assertTrue(before.ok(), before.problems().toString());
            assertTrue(before.lastSeq() >= base + durable, "reported durable " + (base + durable) + ", on disk "
                + before.lastSeq());

            CdrWriter w = new CdrWriter(new CdrSettings(dir, true, 50, 64 * 1024, true, 0, 10), key,
                java.time.Clock.systemUTC()).start();
            w.offer(CdrTestRecords.callEnd(-round));
            w.close();
            CdrVerification after = CdrVerifier.verify(dir, key);
            assertTrue(after.ok(), after.problems().toString());
            assertEquals(before.lastSeq() + 1, after.lastSeq(), "the chain goes on after the last whole record");
            base = after.lastSeq();
        }
    }

    /** Starts a writer process, kills it (SIGKILL) once it reported {@code atLeast} durable records; returns the last it reported. */
    private long runAndKill(String fsync, long atLeast) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
            CrashingWriter.class.getName(), dir.toString(), fsync)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long durable = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("written ")) {
                    durable = Long.parseLong(line.substring(8));
                    if (durable >= atLeast) {
                        p.destroyForcibly(); // SIGKILL, mid-write as often as not
                        break;
                    }
                }
            }
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        assertTrue(durable >= atLeast, "the writer process died early");
        return durable; // counted per process: the total on disk is at least this much more than before
    }
}
