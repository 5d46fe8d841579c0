package org.tabphone.cdr.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON shape the store writes: a flat object whose values are strings or integers, keys
 * in a fixed order. Writing and reading it by hand keeps the bundle free of a JSON library, and
 * the exact bytes (which are hashed and signed) under our control.
 */
final class FlatJson {
    private FlatJson() {
    }

    /** Appends {@code "key":"value"} (with a leading comma unless first). */
    static void string(StringBuilder out, String key, String value) {
        key(out, key);
        quote(out, value == null ? "" : value);
    }

    static void number(StringBuilder out, String key, long value) {
        key(out, key);
        out.append(value);
    }

    private static void key(StringBuilder out, String key) {
        out.append(out.length() == 1 ? "" : ",");
        quote(out, key);
        out.append(':');
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Parses one flat object; values come back as strings (integers as their digits).
     *
     * @throws IllegalArgumentException for anything else
     */
    static Map<String, String> parse(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        int[] pos = {0};
        expect(json, pos, '{');
        if (peek(json, pos) == '}') {
            pos[0]++;
        } else {
            while (true) {
                String key = readString(json, pos);
                expect(json, pos, ':');
                String value = peek(json, pos) == '"' ? readString(json, pos) : readInteger(json, pos);
                if (out.put(key, value) != null) {
                    throw new IllegalArgumentException("key " + key + " twice");
                }
                char c = next(json, pos);
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected , or } at " + (pos[0] - 1));
                }
            }
        }
        if (pos[0] != json.length()) {
            throw new IllegalArgumentException("text after the object");
        }
        return out;
    }

    private static String readString(String s, int[] pos) {
        expect(s, pos, '"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next(s, pos);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in a string at " + (pos[0] - 1));
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next(s, pos);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (pos[0] + 4 > s.length()) {
                        throw new IllegalArgumentException("short \\u escape");
                    }
                    b.append((char) Integer.parseInt(s.substring(pos[0], pos[0] + 4), 16));
                    pos[0] += 4;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + e);
            }
        }
    }

    private static String readInteger(String s, int[] pos) {
        int start = pos[0];
        if (pos[0] < s.length() && s.charAt(pos[0]) == '-') {
            pos[0]++;
        }
        while (pos[0] < s.length() && Character.isDigit(s.charAt(pos[0]))) {
            pos[0]++;
        }
        if (pos[0] == start || s.charAt(pos[0] - 1) == '-') {
            throw new IllegalArgumentException("expected a string or an integer at " + start);
        }
        return s.substring(start, pos[0]);
    }

    private static void expect(String s, int[] pos, char c) {
        if (next(s, pos) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + (pos[0] - 1));
        }
    }

    private static char peek(String s, int[] pos) {
        if (pos[0] >= s.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return s.charAt(pos[0]);
    }

    private static char next(String s, int[] pos) {
        char c = peek(s, pos);
        pos[0]++;
        return c;
    }
}
