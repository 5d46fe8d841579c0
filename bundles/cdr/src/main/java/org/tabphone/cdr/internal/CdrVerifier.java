package org.tabphone.cdr.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tabphone.cdr.api.CdrVerification;
import org.tabphone.cdr.api.CdrVerification.Kind;
import org.tabphone.cdr.api.CdrVerification.Problem;

/**
 * Walks the store in order and names each record that was edited (its signature fails), removed
 * (its number appears nowhere), moved (found after a higher number) or cut up (the line is not a
 * record). A record with a good signature and the next number whose {@code prev} is not the hash
 * of the line before it breaks the chain (e.g. a record copied in from another store).
 *
 * <p>Two passes: the first checks every signature and collects the numbers of the good records,
 * so the second can tell a record that is missing from one that was moved. An edited record's own
 * number can't be trusted: it stands for the next number in line.
 */
final class CdrVerifier {
    private static final Pattern FIRST_SEQ = Pattern.compile("cdr-\\d{8}-(\\d{12})\\.jsonl");

    private final SigningKey key;
    private final List<Problem> problems = new ArrayList<>();
    /** Pass 1, per file: which lines (from 0) have a good signature, and how many lines there were. */
    private final List<BitSet> signed = new ArrayList<>();
    private final List<Long> lineCounts = new ArrayList<>();
    private long[] present = new long[1024];
    private int presentCount;
    private long records;
    private long firstSeq;
    private long high;
    private long previousSeq = -1;
    private String previousCall = "";
    /** Hash of the line before, null when it can't be trusted. */
    private String previousHash;

    private CdrVerifier(SigningKey key) {
        this.key = key;
    }

    static CdrVerification verify(Path dir, SigningKey key) throws IOException {
        return verify(dir, key, 0);
    }

    /**
     * @param writtenUpTo the newest number the running writer wrote (0: unknown), so records cut
     *                    from the end, which leave a valid chain behind, are caught while it runs
     */
    static CdrVerification verify(Path dir, SigningKey key, long writtenUpTo) throws IOException {
        CdrVerifier v = new CdrVerifier(key);
        List<Path> files = CdrFiles.list(dir);
        for (Path f : files) {
            BitSet good = new BitSet();
            long[] count = {0};
            CdrFiles.forEachLine(f, (n, line) -> {
                count[0] = n;
                v.collect(good, (int) n - 1, line);
            });
            v.signed.add(good);
            v.lineCounts.add(count[0]);
        }
        v.present = Arrays.copyOf(v.present, v.presentCount);
        Arrays.sort(v.present);
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).getFileName().toString();
            BitSet good = v.signed.get(i);
            long count = v.lineCounts.get(i);
            CdrFiles.forEachLine(files.get(i), (n, line) -> {
                if (n <= count) { // lines appended since pass 1 wait for the next verify
                    v.check(name, n, good.get((int) n - 1), line);
                }
            });
        }
        if (writtenUpTo > v.high) {
            long from = v.high + 1;
            v.problems.add(new Problem(Kind.MISSING, from, "", files.isEmpty() ? dir.toString()
                : files.get(files.size() - 1).getFileName().toString(), (from == writtenUpTo ? "record " + from + " is"
                : "records " + from + "-" + writtenUpTo + " are") + " missing at the end (the writer wrote up to "
                + writtenUpTo + ")"));
        }
        return new CdrVerification(v.records, v.firstSeq, v.high, v.problems);
    }

    private void collect(BitSet good, int index, byte[] line) {
        try {
            CdrLine.Parsed p = CdrLine.decode(new String(line, StandardCharsets.UTF_8));
            if (key.verify(p.signed(), p.signature())) {
                good.set(index);
                if (presentCount == present.length) {
                    present = Arrays.copyOf(present, presentCount * 2);
                }
                present[presentCount++] = p.record().seq();
            }
        } catch (IllegalArgumentException e) {
            // reported by check()
        }
    }

    private void check(String file, long lineNumber, boolean good, byte[] line) {
        String where = file + ":" + lineNumber;
        CdrLine.Parsed p;
        try {
            p = CdrLine.decode(new String(line, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            long seq = high + 1;
            problems.add(new Problem(Kind.UNREADABLE, seq, "", where, "record " + seq + after()
                + " is not a readable record (" + e.getMessage() + "): edited or damaged"));
            advance(seq, "", null);
            return;
        }
        records++;
        long seq = p.record().seq();
        String call = p.record().call();
        if (!good) {
            long standIn = high == 0 && lineNumber == 1 ? fileFirstSeq(file, seq) : high + 1;
            problems.add(new Problem(Kind.EDITED, standIn, call, where, "record " + standIn + " (call " + call
                + ") was edited: its signature does not match"));
            advance(standIn, call, null);
            return;
        }
        String hash = CdrLine.hash(line);
        if (high == 0) { // the oldest record kept
            if (seq > fileFirstSeq(file, seq)) {
                missing(fileFirstSeq(file, seq), seq, call, where);
            } else if (seq == 1 && !p.prev().equals(CdrLine.GENESIS)) {
                problems.add(new Problem(Kind.CHAIN_BROKEN, seq, call, where, "record 1 (call " + call
                    + ") does not start a chain"));
            }
            advance(seq, call, hash);
            return;
        }
        if (seq <= high) {
            problems.add(new Problem(Kind.OUT_OF_ORDER, seq, call, where, "record " + seq + " (call " + call
                + ") is out of order: found after record " + high + (seq == previousSeq ? " (a duplicate)" : "")));
            previousSeq = seq;
            previousHash = hash;
            previousCall = call;
            return;
        }
        if (seq > high + 1) {
            missing(high + 1, seq, call, where);
        } else if (previousSeq == seq - 1 && previousHash != null && !previousHash.equals(p.prev())) {
            problems.add(new Problem(Kind.CHAIN_BROKEN, seq, call, where, "record " + seq + " (call " + call
                + ") does not follow the record before it (hash chain broken)"));
        }
        advance(seq, call, hash);
    }

    /** Reports the numbers in [from, to) that no good record carries, as ranges. */
    private void missing(long from, long to, String call, String where) {
        long start = -1;
        for (long s = from; s <= to; s++) {
            boolean gone = s < to && Arrays.binarySearch(present, s) < 0;
            if (gone && start < 0) {
                start = s;
            } else if (!gone && start >= 0) {
                long end = s - 1;
                problems.add(new Problem(Kind.MISSING, start, "", where, (start == end ? "record " + start + " is"
                    : "records " + start + "-" + end + " are") + " missing (removed"
                    + (previousCall.isEmpty() ? "" : " after call " + previousCall) + ", before call " + call + ")"));
                start = -1;
            }
        }
    }

    private void advance(long seq, String call, String hash) {
        if (high == 0) {
            firstSeq = seq;
        }
        high = Math.max(high, seq);
        previousSeq = seq;
        previousCall = call;
        previousHash = hash;
    }

    private String after() {
        return previousCall.isEmpty() ? "" : " (after call " + previousCall + ")";
    }

    /** The number the file's name says its first record has. */
    private static long fileFirstSeq(String file, long otherwise) {
        Matcher m = FIRST_SEQ.matcher(file);
        return m.matches() ? Long.parseLong(m.group(1)) : otherwise;
    }
}
