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
import java.util.regex.Pattern;

import org.tabphone.tenant.api.SipUser;

/**
 * Reads a tenant's users file. One user per line:
 * <pre>1001 = name=Alice; md5=&lt;32 hex&gt;; sha256=&lt;64 hex&gt;</pre>
 * Blank lines and lines starting with {@code #} are skipped. A bad line is reported (file and
 * line number) and skipped; the other users still load.
 */
final class UsersFile {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._!~*'()&=+$,;?/%-]{1,64}");
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** The users read, and one message per line that could not be used. */
    record Result(Map<String, SipUser> users, List<String> problems) {
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
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add(where + "expected 'user = name=...; md5=...; sha256=...'");
                continue;
            }
            String username = line.substring(0, eq).trim();
            if (!USERNAME.matcher(username).matches()) {
                problems.add(where + "bad user name '" + username + "'");
                continue;
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
            if (error == null && users.containsKey(username)) {
                error = "user '" + username + "' appears twice";
            }
            if (error != null) {
                problems.add(where + error);
                continue;
            }
            users.put(username, new SipUser(username, name, md5, sha256));
        }
        return new Result(users, problems);
    }
}
