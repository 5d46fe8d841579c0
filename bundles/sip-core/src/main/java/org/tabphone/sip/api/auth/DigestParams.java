package org.tabphone.sip.api.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes the comma-separated {@code auth-param}s after {@code Digest} (RFC 2617 §3.2,
 * RFC 3261 §25.1): names case-insensitive, values tokens or quoted strings with backslash escapes.
 */
final class DigestParams {
    private DigestParams() {
    }

    /** The params after the scheme; throws IllegalArgumentException on a malformed list. */
    static Map<String, String> parse(String params) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = params.length();
        while (i < n) {
            i = skip(params, i);
            if (i >= n) {
                break;
            }
            int nameStart = i;
            while (i < n && params.charAt(i) != '=' && params.charAt(i) != ',' && !Character.isWhitespace(params.charAt(i))) {
                i++;
            }
            String name = params.substring(nameStart, i).toLowerCase(Locale.ROOT);
            i = skipSpaces(params, i);
            if (name.isEmpty() || i >= n || params.charAt(i) != '=') {
                throw new IllegalArgumentException("expected name=value at " + nameStart);
            }
            i = skipSpaces(params, i + 1);
            StringBuilder value = new StringBuilder();
            if (i < n && params.charAt(i) == '"') {
                i++;
                while (i < n && params.charAt(i) != '"') {
                    char c = params.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = params.charAt(++i);
                    }
                    value.append(c);
                    i++;
                }
                if (i >= n) {
                    throw new IllegalArgumentException("unterminated quoted value of " + name);
                }
                i++;
            } else {
                while (i < n && params.charAt(i) != ',' && !Character.isWhitespace(params.charAt(i))) {
                    value.append(params.charAt(i++));
                }
            }
            if (out.putIfAbsent(name, value.toString()) != null) {
                throw new IllegalArgumentException("parameter " + name + " given twice");
            }
            i = skipSpaces(params, i);
            if (i < n && params.charAt(i) != ',') {
                throw new IllegalArgumentException("expected ',' after " + name);
            }
        }
        return out;
    }

    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static int skip(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
