package org.tabphone.media.internal.stun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Access to {@code shared/testdata}: the directory named by the system property
 * {@code tabphone.testdata}, else {@code ../../../shared/testdata} from the module directory (where
 * surefire runs). Includes a minimal JSON reader for the vector files (objects, arrays, strings,
 * numbers, booleans), so tests need no JSON library. Also used by the SRTP tests.
 */
public final class TestVectors {
    private TestVectors() {
    }

    public static Path root() {
        String p = System.getProperty("tabphone.testdata");
        Path root = p != null && !p.isEmpty() ? Paths.get(p) : Paths.get("../../../shared/testdata");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("test data not found at " + root.toAbsolutePath()
                    + " (set -Dtabphone.testdata)");
        }
        return root;
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(String relative) {
        String text = new String(bytes(relative), StandardCharsets.UTF_8);
        return (Map<String, Object>) new Json(text).value();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> parent, String key) {
        Object o = parent.get(key);
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("no object " + key);
        }
        return (Map<String, Object>) o;
    }

    public static String string(Map<String, Object> parent, String key) {
        Object o = parent.get(key);
        if (!(o instanceof String)) {
            throw new IllegalArgumentException("no string " + key);
        }
        return (String) o;
    }

    public static byte[] hex(String hex) {
        String h = hex.replaceAll("\\s", "");
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    public static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.toString();
    }

    /** Just enough JSON for the vector files. */
    private static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = str();
                    ws();
                    expect(':');
                    m.put(k, value());
                    ws();
                    if (s.charAt(i++) == '}') {
                        return m;
                    }
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(i++) == ']') {
                        return l;
                    }
                }
            }
            if (c == '"') {
                return str();
            }
            int b = i;
            while (i < s.length() && ",}] \n\r\t".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String tok = s.substring(b, i);
            switch (tok) {
                case "true":
                    return Boolean.TRUE;
                case "false":
                    return Boolean.FALSE;
                case "null":
                    return null;
                default:
                    return Double.valueOf(tok);
            }
        }

        private String str() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n': sb.append('\n'); break;
                        case 't': sb.append('\t'); break;
                        case 'u': sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                        default: sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i++) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + (i - 1));
            }
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
