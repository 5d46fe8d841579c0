package org.tabphone.sip.internal.parse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The % escaping of RFC 3261 §25.1 ({@code escaped = "%" HEXDIG HEXDIG}), over UTF-8. */
public final class Percent {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Percent() {
    }

    /**
     * Resolves % escapes; the octets are read as UTF-8. A '%' not followed by two hex digits is kept
     * literally. {@code %00} yields U+0000: nothing here treats NUL as a terminator.
     */
    public static String decode(String s) {
        int pct = s.indexOf('%');
        if (pct < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            int hi = i + 2 < in.length && in[i] == '%' ? CharClass.hexValue(in[i + 1]) : -1;
            int lo = hi >= 0 ? CharClass.hexValue(in[i + 2]) : -1;
            if (lo >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Escapes every octet of the UTF-8 form of {@code s} that is not in {@code allowedMask} (and every '%'). */
    public static String encode(String s, int allowedMask) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            if (b != '%' && CharClass.is(b, allowedMask)) {
                sb.append((char) b);
            } else {
                sb.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return sb.toString();
    }
}
