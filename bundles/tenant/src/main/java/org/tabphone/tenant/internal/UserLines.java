package org.tabphone.tenant.internal;

import java.util.List;
import java.util.Objects;

/** Finding a user's line(s) in a users file's lines; comments and other users are left alone. */
final class UserLines {
    private UserLines() {
    }

    /** The index of the first line for {@code username} (usable or not), or -1. */
    static int indexOf(List<String> lines, String username) {
        for (int i = 0; i < lines.size(); i++) {
            if (isFor(lines.get(i), username)) {
                return i;
            }
        }
        return -1;
    }

    /** Drops later lines for the same user (the reader ignores them anyway, as duplicates). */
    static void removeAfter(List<String> lines, int index, String username) {
        for (int i = lines.size() - 1; i > index; i--) {
            if (isFor(lines.get(i), username)) {
                lines.remove(i);
            }
        }
    }

    private static boolean isFor(String line, String username) {
        return UsersFile.parseLine(line).map(l -> Objects.equals(l.username(), username)).orElse(false);
    }
}
