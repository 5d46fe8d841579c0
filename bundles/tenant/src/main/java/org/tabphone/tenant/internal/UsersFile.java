package org.tabphone.tenant.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.tabphone.tenant.api.SipUser;

/**
 * Reads a tenant's users file. One user per line:
 * <pre>1001 = name=Alice; md5=&lt;32 hex&gt;; sha256=&lt;64 hex&gt;</pre>
 * Blank lines and lines starting with {@code #} are skipped. A bad line is reported (file and
 * line number) and skipped; the other users still load. {@link UsersFileWriter} edits lines
 * with {@link #parseLine} and {@link #format}, so reading and writing agree on the syntax.
 */
final class UsersFile {
    /** RFC 3261 §25.1 user: unreserved / user-unreserved characters and escapes. */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._!~*'()&=+$,;?/%-]{1,64}");
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** The users read, and one message per line that could not be used. */
    record Result(Map<String, SipUser> users, List<String> problems) {
    }

    /**
     * One user line. {@code username} is null when the line has no {@code user =} part;
     * {@code error} is null when the user can be used.
     */
    record Line(String username, String displayName, String md5, String sha256, String error) {
        SipUser user() {
            return new SipUser(username, displayName, md5, sha256);
        }
    }

    private UsersFile() {
    }

    static Result read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    static Result parse(String source, List<String> lines) {
        Map<String, SipUser> users = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Optional<Line> parsed = parseLine(lines.get(i));
            if (parsed.isEmpty()) {
                continue;
            }
            Line line = parsed.get();
            String error = line.error();
            if (error == null && users.containsKey(line.username())) {
                error = "user '" + line.username() + "' appears twice";
            }
            if (error != null) {
                problems.add(source + ":" + (i + 1) + ": " + error);
                continue;
            }
            users.put(line.username(), line.user());
        }
        return new Result(users, problems);
    }

    /** A user line, or empty for a blank line or a comment. */
    static Optional<Line> parseLine(String raw) {
        String line = raw.trim();
        if (line.isEmpty() || line.startsWith("#")) {
            return Optional.empty();
        }
        int eq = line.indexOf('=');
        if (eq <= 0) {
            return Optional.of(new Line(null, null, null, null, "expected 'user = name=...; md5=...; sha256=...'"));
        }
        String username = line.substring(0, eq).trim();
        if (!USERNAME.matcher(username).matches()) {
            return Optional.of(new Line(username, null, null, null, "bad user name '" + username + "'"));
        }
        String name = username;
        String md5 = null;
        String sha256 = null;
        String error = null;
        for (String field : line.substring(eq + 1).split(";")) {
            String f = field.trim();
            if (f.isEmpty()) {
                continue;
            }
            int feq = f.indexOf('=');
            String key = feq < 0 ? f : f.substring(0, feq).trim().toLowerCase(Locale.ROOT);
            String value = feq < 0 ? "" : f.substring(feq + 1).trim();
            switch (key) {
                case "name" -> name = value.isEmpty() ? username : value;
                case "md5" -> md5 = value.toLowerCase(Locale.ROOT);
                case "sha256", "sha-256" -> sha256 = value.toLowerCase(Locale.ROOT);
                default -> error = "unknown field '" + key + "'";
            }
        }
        if (error == null && md5 != null && !MD5_HEX.matcher(md5).matches()) {
            error = "md5 must be 32 hex digits (HA1 = MD5(user:realm:password))";
        }
        if (error == null && sha256 != null && !SHA256_HEX.matcher(sha256).matches()) {
            error = "sha256 must be 64 hex digits (HA1 = SHA-256(user:realm:password))";
        }
        if (error == null && md5 == null && sha256 == null) {
            error = "no credential: give md5= and/or sha256=";
        }
        return Optional.of(new Line(username, name, md5, sha256, error));
    }

    /** The line {@link #parseLine} reads back as {@code user}. */
    static String format(SipUser user) {
        StringBuilder b = new StringBuilder(user.username()).append(" = name=").append(user.displayName());
        if (user.ha1Md5() != null) {
            b.append("; md5=").append(user.ha1Md5());
        }
        if (user.ha1Sha256() != null) {
            b.append("; sha256=").append(user.ha1Sha256());
        }
        return b.toString();
    }
}
