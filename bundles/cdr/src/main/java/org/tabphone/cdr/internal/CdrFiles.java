package org.tabphone.cdr.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The store's layout: {@code cdr-<yyyyMMdd>-<first seq, 12 digits>.jsonl}, one record per line,
 * in chain order when sorted by that first sequence number. The day is UTC.
 */
final class CdrFiles {
    private static final Pattern NAME = Pattern.compile("cdr-(\\d{8})-(\\d{12})\\.jsonl");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private CdrFiles() {
    }

    static String name(LocalDate day, long firstSeq) {
        return String.format("cdr-%s-%012d.jsonl", DAY.format(day), firstSeq);
    }

    static LocalDate dayOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? LocalDate.parse(m.group(1), DAY) : LocalDate.MIN;
    }

    static LocalDate today(java.time.Instant now) {
        return now.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Record files, oldest first. */
    static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                .sorted(Comparator.comparingLong(CdrFiles::firstSeq)).toList();
        }
    }

    private static long firstSeq(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(2)) : 0;
    }

    /** Reads every complete line (as bytes, without the newline); a last line with no newline is still being written: skipped. */
    static void forEachLine(Path file, LineConsumer consumer) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(512);
            long number = 0;
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    consumer.accept(++number, line.toByteArray());
                    line.reset();
                } else {
                    line.write(c);
                }
            }
        } catch (NoSuchFileException e) {
            // removed by retention while we read: nothing to report
        }
    }

    /** Complete lines of a file, in order. */
    static List<byte[]> lines(Path file) throws IOException {
        List<byte[]> out = new ArrayList<>();
        forEachLine(file, (n, bytes) -> out.add(bytes));
        return out;
    }

    @FunctionalInterface
    interface LineConsumer {
        void accept(long lineNumber, byte[] line) throws IOException;
    }
}
