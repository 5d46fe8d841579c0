package org.tabphone.metrics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One metric family of the Prometheus text format 0.0.4: its HELP and TYPE lines, then its samples. */
final class MetricFamily {
    enum Type { COUNTER, GAUGE }

    private final String name;
    private final String help;
    private final Type type;
    private final List<String> samples = new ArrayList<>();

    MetricFamily(String name, String help, Type type) {
        this.name = name;
        this.help = help;
        this.type = type;
    }

    /** Adds {@code name{labels} value}; labels in the order given. */
    void add(Map<String, String> labels, String value) {
        StringBuilder line = new StringBuilder(name);
        if (!labels.isEmpty()) {
            line.append('{');
            labels.forEach((k, v) -> line.append(k).append("=\"").append(escapeLabel(v)).append("\","));
            line.setCharAt(line.length() - 1, '}');
        }
        samples.add(line.append(' ').append(value).toString());
    }

    void writeTo(StringBuilder out) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type.name().toLowerCase()).append('\n');
        samples.forEach(s -> out.append(s).append('\n'));
    }

    private static String escapeHelp(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escapeLabel(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
