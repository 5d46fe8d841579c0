package org.tabphone.tenant.internal;

import java.util.regex.Pattern;

import org.tabphone.tenant.api.UserChangeException;
import org.tabphone.tenant.api.UserChangeException.Reason;

/**
 * What a new user name, password or display name may be. Stricter than {@link UsersFile}
 * reads, so that whatever the shell writes also works on the wire.
 */
final class UserFields {
    /**
     * RFC 3261 §25.1 {@code user} characters minus those that cannot round-trip: '=' ends the
     * user name in the users file; '%' starts an escape, and the registrar compares the decoded
     * To user with the stored name; ';', '?' and '/' are legal but split by many phones' URI
     * parsers (user parameters, headers).
     */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._!~*'()&+$,-]{1,64}");
    private static final int MAX_DISPLAY_NAME = 100;

    private UserFields() {
    }

    static void checkUsername(String username) throws UserChangeException {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new UserChangeException(Reason.BAD_USERNAME, "bad user name '" + username + "': 1 to 64 of letters,"
                + " digits and - _ . ! ~ * ' ( ) & + $ , (RFC 3261 user part, without = ; ? / %)");
        }
    }

    static void checkPassword(String password) throws UserChangeException {
        if (password == null || password.isEmpty()) {
            throw new UserChangeException(Reason.BAD_PASSWORD, "the password must not be empty");
        }
    }

    /** The display name to store: trimmed, the user name when blank. */
    static String displayName(String username, String displayName) throws UserChangeException {
        String name = displayName == null ? "" : displayName.trim();
        if (name.isEmpty()) {
            return username;
        }
        if (name.length() > MAX_DISPLAY_NAME) {
            throw new UserChangeException(Reason.BAD_DISPLAY_NAME, "display name longer than " + MAX_DISPLAY_NAME
                + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // ';' separates fields in the users file; '"' and '\' would need escaping in a From display-name
            if (c == ';' || c == '"' || c == '\\' || Character.isISOControl(c)) {
                throw new UserChangeException(Reason.BAD_DISPLAY_NAME, "display name must not contain ; \" \\ or"
                    + " control characters: '" + name + "'");
            }
        }
        return name;
    }
}
