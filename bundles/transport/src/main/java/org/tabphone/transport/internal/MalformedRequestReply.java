package org.tabphone.transport.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.tabphone.sip.api.header.Tags;

/**
 * Builds the stateless answer to a request that did not parse (RFC 3261 §8.2, §16.3 — 400 or
 * 505): the status line from the parse error, then the Via, From, To, Call-ID and CSeq lines
 * copied from the raw bytes, since there is no parsed message to copy them from. Returns null
 * where no answer can be routed (no Via), for responses and for ACK (never answered).
 */
final class MalformedRequestReply {
    private static final int MAX_SCAN = 16 * 1024;

    private MalformedRequestReply() {
    }

    static byte[] build(byte[] raw, int status, String reason) {
        int limit = Math.min(raw.length, MAX_SCAN);
        int lineEnd = lineEnd(raw, 0, limit);
        String startLine = ascii(raw, 0, lineEnd);
        if (startLine.startsWith("SIP/") || startLine.startsWith("ACK ")) {
            return null;
        }
        StringBuilder out = new StringBuilder(256);
        out.append("SIP/2.0 ").append(status).append(' ').append(sanitize(reason)).append("\r\n");
        boolean via = false;
        int pos = skipEol(raw, lineEnd, limit);
        String pending = null;
        while (pos < limit) {
            int end = lineEnd(raw, pos, limit);
            if (end == pos) {
                break; // empty line: end of headers
            }
            String line = new String(raw, pos, end - pos, StandardCharsets.UTF_8);
            pos = skipEol(raw, end, limit);
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && pending != null) {
                pending = pending + " " + line.trim(); // folded continuation
                continue;
            }
            via |= emit(out, pending);
            pending = line;
        }
        via |= emit(out, pending);
        if (!via) {
            return null;
        }
        out.append("Content-Length: 0\r\n\r\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Copies one header line if it is one a response needs; returns true for a Via. */
    private static boolean emit(StringBuilder out, String line) {
        if (line == null) {
            return false;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String value = line.substring(colon + 1).trim();
        if (value.isEmpty() || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            return false;
        }
        String name = canonical(line.substring(0, colon).trim().toLowerCase(Locale.ROOT));
        if (name == null) {
            return false;
        }
        if (name.equals("To") && !value.toLowerCase(Locale.ROOT).contains(";tag=")) {
            value = value + ";tag=" + Tags.newTag();
        }
        out.append(name).append(": ").append(value).append("\r\n");
        return name.equals("Via");
    }

    private static String canonical(String lower) {
        return switch (lower) {
            case "via", "v" -> "Via";
            case "from", "f" -> "From";
            case "to", "t" -> "To";
            case "call-id", "i" -> "Call-ID";
            case "cseq" -> "CSeq";
            default -> null;
        };
    }

    private static int lineEnd(byte[] b, int from, int limit) {
        int i = from;
        while (i < limit && b[i] != '\r' && b[i] != '\n') {
            i++;
        }
        return i;
    }

    private static int skipEol(byte[] b, int at, int limit) {
        if (at < limit && b[at] == '\r') {
            at++;
        }
        if (at < limit && b[at] == '\n') {
            at++;
        }
        return at;
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** A reason phrase is one line of printable text (RFC 3261 §25.1 Reason-Phrase). */
    static String sanitize(String reason) {
        String r = reason == null || reason.isBlank() ? "Bad Request" : reason;
        StringBuilder s = new StringBuilder(Math.min(r.length(), 120));
        for (int i = 0; i < r.length() && s.length() < 120; i++) {
            char c = r.charAt(i);
            s.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return s.toString();
    }
}
