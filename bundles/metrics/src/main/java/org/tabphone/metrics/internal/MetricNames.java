package org.tabphone.metrics.internal;

import java.util.Locale;

/** Prometheus names and values from JMX names and attribute values. */
final class MetricNames {
    private MetricNames() {
    }

    /** {@code PortPairsInUse} → {@code port_pairs_in_use}, {@code DTLSFailures} → {@code dtls_failures}. */
    static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            boolean upper = Character.isUpperCase(c);
            if (upper && i > 0) {
                char prev = camel.charAt(i - 1);
                boolean nextLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && nextLower)) {
                    out.append('_');
                }
            }
            out.append(Character.isLetterOrDigit(c) && c < 128 ? Character.toLowerCase(c) : '_');
        }
        return out.toString().replaceAll("_+", "_");
    }

    /** The label of a map attribute's keys: {@code CountByTenant} → {@code tenant}, else {@code key}. */
    static String byLabel(String attribute) {
        int by = attribute.lastIndexOf("By");
        if (by > 0 && by + 2 < attribute.length() && Character.isUpperCase(attribute.charAt(by + 2))) {
            return label(snake(attribute.substring(by + 2)));
        }
        return "key";
    }

    static String label(String name) {
        String s = name.replaceAll("[^a-zA-Z0-9_]", "_");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s.toLowerCase(Locale.ROOT);
    }

    static String number(Object v) {
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "+Inf" : "-Inf") : Double.toString(d);
        }
        return v.toString();
    }
}
