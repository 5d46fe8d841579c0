package org.tabphone.tenant.api;

/**
 * Why {@link TenantUsers} refused a change. The message is meant for an operator and never
 * holds a password.
 */
public final class UserChangeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently (a shell prints, JMX maps to a status). */
    public enum Reason {
        /** No tenant of that name. */
        UNKNOWN_TENANT,
        /** The user name breaks the RFC 3261 user-part rules or the users file's syntax. */
        BAD_USERNAME,
        /** Empty, or a character the users file cannot hold. */
        BAD_PASSWORD,
        BAD_DISPLAY_NAME,
        /** Adding a user that has a line in the users file already. */
        USER_EXISTS,
        /** Changing or removing a user that has no line in the users file. */
        NO_SUCH_USER,
        /** The users file is missing, unreadable or cannot be replaced. */
        USERS_FILE
    }

    private final Reason reason;

    public UserChangeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UserChangeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
