package org.tabphone.webphone.internal;

import java.util.Locale;
import java.util.Map;

/** Media types by file extension, for the files the web app build writes. */
final class ContentTypes {
    static final String DEFAULT = "application/octet-stream";
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
        Map.entry("html", "text/html; charset=utf-8"),
        Map.entry("js", "text/javascript; charset=utf-8"),
        Map.entry("mjs", "text/javascript; charset=utf-8"),
        Map.entry("css", "text/css; charset=utf-8"),
        Map.entry("webmanifest", "application/manifest+json"),
        Map.entry("json", "application/json"),
        Map.entry("map", "application/json"),
        Map.entry("png", "image/png"),
        Map.entry("svg", "image/svg+xml"),
        Map.entry("ico", "image/x-icon"),
        Map.entry("wav", "audio/wav"),
        Map.entry("txt", "text/plain; charset=utf-8"));

    private ContentTypes() {
    }

    /** The media type for a file name, {@value #DEFAULT} when the extension is unknown. */
    static String of(String fileName) {
        int slash = fileName.lastIndexOf('/');
        int dot = fileName.lastIndexOf('.');
        if (dot <= slash + 1) {
            return DEFAULT;
        }
        return BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
    }
}
