package org.tabphone.cdr.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reader that follows the store like {@code tail -f}: a position (file, byte offset, number of
 * the next record) that moves over complete lines only and on to the next file after a rotation.
 * The JDBC sink's backlog is the store itself, so a database that is down for hours costs no
 * memory and loses nothing. Lines are numbered by counting from the file name's first number
 * (an unreadable line still counts as one record, as in {@link ChainTail}). One thread only.
 */
final class StoreTail {
    private static final Pattern FIRST_SEQ = Pattern.compile("cdr-\\d{8}-(\\d{12})\\.jsonl");
    private static final int CHUNK = 64 * 1024;

    /** One record's line (without its newline) and its number. */
    record Line(long seq, byte[] bytes) {
    }

    /** A position to come back to when a batch could not be exported. */
    record Mark(Path file, long offset, long nextSeq) {
    }

    private final Path dir;
    private Path file;
    private long offset;
    private long nextSeq = 1;
    /** Records the position skipped because their files were gone (retention) before they were read. */
    private long skipped;

    StoreTail(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    long nextSeq() {
        return nextSeq;
    }

    /** Takes (and clears) how many records were skipped because retention had removed their files. */
    long takeSkipped() {
        long n = skipped;
        skipped = 0;
        return n;
    }

    Mark mark() {
        return new Mark(file, offset, nextSeq);
    }

    void reset(Mark m) {
        file = m.file();
        offset = m.offset();
        nextSeq = m.nextSeq();
    }

    /**
     * Positions before record {@code seq}, or before the oldest record kept when {@code seq} is
     * older (its file was removed); {@code seq} past the end waits there for it.
     */
    void seek(long seq) throws IOException {
        List<Path> files = CdrFiles.list(dir);
        file = null;
        offset = 0;
        nextSeq = Math.max(1, seq);
        for (Path f : files) {
            if (firstSeq(f) <= seq || file == null) {
                file = f;
            }
        }
        if (file == null) {
            return; // empty store: the first file will start at 1
        }
        nextSeq = firstSeq(file);
        while (nextSeq < seq) {
            List<Line> skip = readFromFile(Math.min(10_000, seq - nextSeq), seq - 1);
            if (skip.isEmpty()) {
                break; // the file ends before seq: wait there
            }
        }
    }

    /**
     * Up to {@code max} complete lines from the position on, none numbered past {@code upTo}
     * (the newest durable record); moves to the next file when this one is done.
     */
    List<Line> read(int max, long upTo) throws IOException {
        List<Line> out = new ArrayList<>();
        while (out.size() < max && nextSeq <= upTo) {
            if (file == null) {
                seek(nextSeq);
                if (file == null) {
                    break;
                }
            }
            List<Line> got;
            try {
                got = readFromFile(max - out.size(), upTo);
            } catch (NoSuchFileException e) { // removed by retention under us: on to what is left
                file = null;
                List<Path> files = CdrFiles.list(dir);
                Path next = files.stream().filter(f -> firstSeq(f) >= nextSeq).findFirst().orElse(null);
                if (next == null) {
                    break;
                }
                moveTo(next);
                continue;
            }
            out.addAll(got);
            if (got.isEmpty() && !nextFile()) {
                break;
            }
        }
        return out;
    }

    /** After the last complete line of this file: on to the file that follows it, if there is one. */
    private boolean nextFile() throws IOException {
        Path next = null;
        for (Path f : CdrFiles.list(dir)) {
            if (firstSeq(f) > firstSeq(file) && (next == null || firstSeq(f) < firstSeq(next))) {
                next = f;
            }
        }
        if (next == null) {
            return false;
        }
        moveTo(next);
        return true;
    }

    private void moveTo(Path next) {
        long first = firstSeq(next);
        if (first > nextSeq) {
            skipped += first - nextSeq;
        }
        file = next;
        offset = 0;
        nextSeq = first;
    }

    private List<Line> readFromFile(long max, long upTo) throws IOException {
        List<Line> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            ByteArrayOutputStream line = new ByteArrayOutputStream(512);
            long pos = offset;
            while (out.size() < max && nextSeq <= upTo) {
                buf.clear();
                int n = ch.read(buf, pos);
                if (n <= 0) {
                    break; // a line without its newline yet is not a record: wait for it
                }
                for (int i = 0; i < n && out.size() < max && nextSeq <= upTo; i++) {
                    byte b = buf.get(i);
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    out.add(new Line(nextSeq++, line.toByteArray()));
                    line.reset();
                    offset = pos + i + 1;
                }
                pos += n;
            }
        }
        return out;
    }

    static long firstSeq(Path file) {
        Matcher m = FIRST_SEQ.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }
}
