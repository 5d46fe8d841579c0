package org.tabphone.recording.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.tabphone.recording.api.Recording;

/** The recordings on disk ({@code <dir>/<tenant>/<day>/<HHmmss>-<caller>-<callee>-<call>.wav}), newest first. */
final class RecordingFiles {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

    private RecordingFiles() {
    }

    static List<Recording> list(Path dir, int limit, Set<String> active) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Found> found = new ArrayList<>();
        try (Stream<Path> s = Files.find(dir, 3, (p, a) -> a.isRegularFile() && p.toString().endsWith(".wav"))) {
            s.forEach(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    found.add(new Found(p, a.lastModifiedTime().toInstant(), a.size()));
                } catch (IOException gone) {
                    // deleted while we looked
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir, e);
        }
        return found.stream().sorted(Comparator.comparing(Found::modified).reversed()).limit(Math.max(0, limit))
            .map(f -> recording(dir, f, active.contains(f.path().toString()))).toList();
    }

    private record Found(Path path, Instant modified, long size) {
    }

    private static Recording recording(Path dir, Found f, boolean active) {
        String name = f.path().getFileName().toString();
        String[] parts = name.substring(0, name.length() - ".wav".length()).split("-");
        String call = parts.length >= 4 ? parts[parts.length - 1] : "";
        Path day = f.path().getParent();
        Path tenant = day == null ? null : day.getParent();
        String tenantName = tenant == null || tenant.equals(dir) || day.equals(dir) ? "" : tenant.getFileName().toString();
        Instant started = f.modified();
        try {
            started = LocalDate.parse(day.getFileName().toString()).atTime(LocalTime.parse(parts[0], TIME))
                .toInstant(ZoneOffset.UTC);
        } catch (RuntimeException notOurName) {
            // a file someone put there: its modification time
        }
        double seconds = Math.max(0, f.size() - WavWriter.HEADER_BYTES) / (double) (WavWriter.RATE * WavWriter.BYTES_PER_FRAME);
        return new Recording(call, tenantName, f.path().toString(), started, seconds, f.size(), active);
    }
}
