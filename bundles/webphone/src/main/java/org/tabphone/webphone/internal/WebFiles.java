package org.tabphone.webphone.internal;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.tabphone.transport.api.StaticResources.StaticResource;

/**
 * The built web app held in memory (the transport asks on an I/O thread, so nothing is read
 * from the jar per request): relative path such as {@code sipjs/app.js} → bytes and media type.
 * Immutable.
 */
final class WebFiles {
    private final Map<String, StaticResource> files;
    private final long totalBytes;

    private WebFiles(Map<String, StaticResource> files, long totalBytes) {
        this.files = files;
        this.totalBytes = totalBytes;
    }

    /** From relative paths (no leading '/', '/' separated) to their bytes. */
    static WebFiles of(Map<String, byte[]> contents) {
        Map<String, StaticResource> files = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, byte[]> e : contents.entrySet()) {
            files.put(e.getKey(), new StaticResource(e.getValue().clone(), ContentTypes.of(e.getKey())));
            total += e.getValue().length;
        }
        return new WebFiles(Map.copyOf(files), total);
    }

    Optional<StaticResource> get(String relativePath) {
        return Optional.ofNullable(files.get(relativePath));
    }

    boolean contains(String relativePath) {
        return files.containsKey(relativePath);
    }

    int size() {
        return files.size();
    }

    long totalBytes() {
        return totalBytes;
    }
}
