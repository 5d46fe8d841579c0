package org.tabphone.media.api;

/**
 * Media for an offer or answer can't be set up. {@link #sipStatus()} is the response the call
 * should give: 488 (nothing acceptable in the SDP), 400 (malformed SDP) or 503 (no ports left).
 */
public final class MediaException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int sipStatus;

    public MediaException(int sipStatus, String message) {
        super(message);
        this.sipStatus = sipStatus;
    }

    public int sipStatus() {
        return sipStatus;
    }
}
