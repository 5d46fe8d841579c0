package org.tabphone.recording.internal;

import java.util.Locale;

import org.tabphone.media.api.CallIdentity;

/**
 * One policy rule: {@code <record|skip> <any | tenant NAME | user USER[@TENANT] | number NUMBER[*]>}.
 * {@code user} matches the user part of the caller's or the callee's URI (an extension, e.g.
 * {@code 1001}), in the named tenant when one is given; {@code number} matches a caller or callee
 * number with visual separators ({@code space - . ( )}) ignored, a trailing {@code *} matching any
 * rest ({@code +4420*}). Immutable.
 *
 * @param record true for {@code record}, false for {@code skip}
 */
record RecordingRule(boolean record, Kind kind, String value, String tenant) {

    enum Kind { ANY, TENANT, USER, NUMBER }

    /** @throws IllegalArgumentException naming what is wrong */
    static RecordingRule parse(String text) {
        String[] w = text.trim().split("\\s+");
        if (w.length == 0 || w[0].isEmpty()) {
            throw new IllegalArgumentException("empty rule");
        }
        boolean record = switch (w[0].toLowerCase(Locale.ROOT)) {
            case "record" -> true;
            case "skip" -> false;
            default -> throw new IllegalArgumentException("'" + text.trim() + "': a rule starts with record or skip");
        };
        if (w.length < 2) {
            throw new IllegalArgumentException("'" + text.trim() + "': record/skip what? any, tenant NAME, user USER[@TENANT] or number NUMBER[*]");
        }
        String what = w[1].toLowerCase(Locale.ROOT);
        if (what.equals("any")) {
            if (w.length != 2) {
                throw new IllegalArgumentException("'" + text.trim() + "': nothing may follow any");
            }
            return new RecordingRule(record, Kind.ANY, "", "");
        }
        if (w.length != 3 && !(what.equals("number") && w.length > 3)) { // a number may be written with spaces
            throw new IllegalArgumentException("'" + text.trim() + "': expected " + w[0] + " " + w[1] + " <value>");
        }
        String v = String.join(" ", java.util.Arrays.copyOfRange(w, 2, w.length));
        return switch (what) {
            case "tenant" -> new RecordingRule(record, Kind.TENANT, checked(v, "[a-z0-9][a-z0-9-]*", text), "");
            case "user" -> {
                int at = v.indexOf('@');
                String user = at < 0 ? v : v.substring(0, at);
                String t = at < 0 ? "" : checked(v.substring(at + 1), "[a-z0-9][a-z0-9-]*", text);
                yield new RecordingRule(record, Kind.USER, checked(user, "[A-Za-z0-9+._!~*'-]+", text), t);
            }
            case "number" -> {
                String n = digits(v);
                if (!n.matches("\\+?[0-9#]*\\*?") || n.equals("*") || n.isEmpty()) {
                    throw new IllegalArgumentException("'" + text.trim() + "': a number is digits, with + first and * last if any");
                }
                yield new RecordingRule(record, Kind.NUMBER, n, "");
            }
            default -> throw new IllegalArgumentException("'" + text.trim() + "': " + w[1]
                + " is not any, tenant, user or number");
        };
    }

    private static String checked(String v, String pattern, String rule) {
        if (!v.matches(pattern)) {
            throw new IllegalArgumentException("'" + rule.trim() + "': '" + v + "' is not a valid name");
        }
        return v;
    }

    boolean matches(CallIdentity c) {
        return switch (kind) {
            case ANY -> true;
            case TENANT -> value.equals(c.tenant());
            case USER -> (tenant.isEmpty() || tenant.equals(c.tenant()))
                && (value.equals(userOf(c.caller())) || value.equals(userOf(c.callee())));
            case NUMBER -> numberMatches(digits(userOf(c.caller()))) || numberMatches(digits(userOf(c.callee())));
        };
    }

    private boolean numberMatches(String n) {
        if (n.isEmpty()) {
            return false;
        }
        return value.endsWith("*") ? n.startsWith(value.substring(0, value.length() - 1)) : n.equals(value);
    }

    /** The user part of {@code sip:1001@host;...}, {@code sips:...} or the number of {@code tel:+44...;...}. */
    static String userOf(String uri) {
        if (uri == null) {
            return "";
        }
        String s = uri.trim();
        int lt = s.indexOf('<');
        if (lt >= 0) { // a name-addr, in case
            int gt = s.indexOf('>', lt);
            s = s.substring(lt + 1, gt < 0 ? s.length() : gt);
        }
        int colon = s.indexOf(':');
        String scheme = colon < 0 ? "" : s.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? s : s.substring(colon + 1);
        int stop = scheme.equals("tel") ? indexOfAny(rest, ";?") : rest.indexOf('@');
        if (stop < 0) {
            return scheme.equals("tel") ? rest : "";
        }
        String user = rest.substring(0, stop);
        int semi = user.indexOf(';'); // user parameters (RFC 3261 §19.1.1)
        return semi < 0 ? user : user.substring(0, semi);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Visual separators out: {@code +44 (20) 7946-0000} is {@code +442079460000}. */
    static String digits(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** As written in the configuration. */
    String text() {
        String verb = record ? "record" : "skip";
        return switch (kind) {
            case ANY -> verb + " any";
            case TENANT -> verb + " tenant " + value;
            case USER -> verb + " user " + value + (tenant.isEmpty() ? "" : "@" + tenant);
            case NUMBER -> verb + " number " + value;
        };
    }
}
