package org.tabphone.recording.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tabphone.media.api.CallIdentity;
import org.tabphone.recording.api.RecordingPolicy;

/**
 * The policy in force, validated: whether to record, where, and the rules (first match decides).
 * Immutable; a new configuration is a new snapshot.
 */
record RecordingSettings(boolean enabled, Path directory, List<RecordingRule> rules) {
    static final String PID = "org.tabphone.recording";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);

    /**
     * From Config Admin properties (strings from a .cfg file, or what the shell stored).
     *
     * @param data karaf.data: the default directory's parent, and where a relative one is
     * @throws IllegalArgumentException naming the bad key and value
     */
    static RecordingSettings from(Map<String, ?> props, Path data) {
        Object e = props.get("enabled");
        String en = e == null ? "false" : e.toString().trim().toLowerCase(Locale.ROOT);
        if (!en.equals("true") && !en.equals("false")) {
            throw new IllegalArgumentException("enabled: '" + e + "' is not true or false");
        }
        Object d = props.get("directory");
        String dir = d == null ? "" : d.toString().trim();
        Path directory;
        try {
            directory = dir.isEmpty() ? data.resolve("tabphone").resolve("recordings") : data.resolve(dir);
        } catch (java.nio.file.InvalidPathException ex) {
            throw new IllegalArgumentException("directory: '" + dir + "' is not a path");
        }
        return new RecordingSettings(en.equals("true"), directory.toAbsolutePath().normalize(), rules(props.get("rules")));
    }

    /** {@code rules} as one comma-separated string or a list of them; absent: record any. */
    static List<RecordingRule> rules(Object value) {
        List<String> texts = new ArrayList<>();
        if (value == null) {
            texts.add("record any");
        } else if (value instanceof String[] a) {
            texts.addAll(List.of(a));
        } else if (value instanceof java.util.Collection<?> c) {
            c.forEach(o -> texts.add(String.valueOf(o)));
        } else {
            texts.add(value.toString());
        }
        List<RecordingRule> out = new ArrayList<>();
        for (String t : texts) {
            for (String one : t.split(",")) {
                if (!one.isBlank()) {
                    try {
                        out.add(RecordingRule.parse(one));
                    } catch (IllegalArgumentException ex) {
                        throw new IllegalArgumentException("rules: " + ex.getMessage());
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** Whether {@code call} is recorded: enabled, and the first matching rule says record. */
    boolean records(CallIdentity call) {
        if (!enabled) {
            return false;
        }
        for (RecordingRule r : rules) {
            if (r.matches(call)) {
                return r.record();
            }
        }
        return false;
    }

    /** {@code <directory>/<tenant>/<yyyy-MM-dd>/<HHmmss>-<caller>-<callee>-<call>.wav}, UTC. */
    Path fileFor(CallIdentity call, Instant at) {
        String name = TIME.format(at) + "-" + part(RecordingRule.userOf(call.caller())) + "-"
            + part(RecordingRule.userOf(call.callee())) + "-" + part(call.call()) + ".wav";
        return directory.resolve(part(call.tenant())).resolve(DAY.format(at)).resolve(name);
    }

    /** A safe file-name part: letters, digits, + . _ only (no '-', which separates the parts), at most 40. */
    static String part(String s) {
        if (s == null || s.isEmpty()) {
            return "_";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 40));
        for (int i = 0; i < s.length() && b.length() < 40; i++) {
            char c = s.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '_') ? c : '_');
        }
        String out = b.toString();
        return out.startsWith(".") ? "_" + out.substring(1) : out;
    }

    RecordingPolicy policy() {
        return new RecordingPolicy(enabled, directory.toString(), rules.stream().map(RecordingRule::text).toList());
    }
}
