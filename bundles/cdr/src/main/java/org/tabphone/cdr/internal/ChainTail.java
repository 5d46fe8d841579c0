package org.tabphone.cdr.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the chain stands in a directory: the next sequence number and the hash the next record
 * must carry as {@code prev}. Read from the newest complete line on disk, so the chain continues
 * across restarts, kill -9 and rotation.
 *
 * @param nextSeq sequence number of the next record
 * @param prev    hash of the newest line ({@link CdrLine#GENESIS} for an empty store)
 */
record ChainTail(long nextSeq, String prev) {
    private static final Pattern FIRST_SEQ = Pattern.compile("cdr-\\d{8}-(\\d{12})\\.jsonl");
    /** Read from the end of the newest file: room for about a hundred records. */
    private static final int TAIL_BYTES = 64 * 1024;
    static final ChainTail EMPTY = new ChainTail(1, CdrLine.GENESIS);

    static ChainTail of(List<Path> filesOldestFirst) throws IOException {
        for (int f = filesOldestFirst.size() - 1; f >= 0; f--) {
            Path file = filesOldestFirst.get(f);
            List<byte[]> lines = lastLines(file);
            if (lines.isEmpty()) {
                continue;
            }
            String prev = CdrLine.hash(lines.get(lines.size() - 1));
            for (int i = lines.size() - 1; i >= 0; i--) { // an unreadable (tampered) line still counts as one record
                try {
                    long seq = CdrLine.decode(new String(lines.get(i), StandardCharsets.UTF_8)).record().seq();
                    return new ChainTail(seq + (lines.size() - i), prev);
                } catch (IllegalArgumentException e) {
                    // try the line before
                }
            }
            List<byte[]> all = CdrFiles.lines(file); // not one readable record near the end: count them all
            Matcher m = FIRST_SEQ.matcher(file.getFileName().toString());
            return new ChainTail((m.matches() ? Long.parseLong(m.group(1)) : 1) + all.size(), prev);
        }
        return EMPTY;
    }

    /** The complete lines in the last {@link #TAIL_BYTES} of a file (the whole file if no full line fits). */
    static List<byte[]> lastLines(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long from = Math.max(0, size - TAIL_BYTES);
            if (from == 0) {
                return CdrFiles.lines(file);
            }
            ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
            while (buf.hasRemaining() && ch.read(buf, from + buf.position()) >= 0) {
                // read it all
            }
            byte[] bytes = Arrays.copyOf(buf.array(), buf.position());
            List<byte[]> lines = new ArrayList<>();
            int start = -1; // the first line is cut: it starts after the first newline
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    if (start >= 0) {
                        lines.add(Arrays.copyOfRange(bytes, start, i));
                    }
                    start = i + 1;
                }
            }
            return lines.isEmpty() ? CdrFiles.lines(file) : lines;
        }
    }
}
