package org.tabphone.sip.internal.parse;

import java.util.List;

/**
 * Splits a list-valued header value on the commas that separate elements (RFC 3261 §7.3.1): commas
 * inside quoted strings or {@code <...>} belong to the element.
 */
public final class ListSplitter {
    private ListSplitter() {
    }

    /** Adds the trimmed, non-empty elements of {@code value} to {@code out}. */
    public static void split(String value, List<String> out) {
        boolean quoted = false;
        boolean angle = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (c == ',' && !angle) {
                addTrimmed(value, start, i, out);
                start = i + 1;
            }
        }
        addTrimmed(value, start, value.length(), out);
    }

    /** Index of the first separating comma in {@code b[from, to)}, or -1. */
    public static int firstSeparator(byte[] b, int from, int to) {
        boolean quoted = false;
        boolean angle = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (c == ',' && !angle) {
                return i;
            }
        }
        return -1;
    }

    private static void addTrimmed(String v, int from, int to, List<String> out) {
        String s = v.substring(from, to).strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
    }
}
