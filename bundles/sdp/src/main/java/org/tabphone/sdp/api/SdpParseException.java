package org.tabphone.sdp.api;

import org.tabphone.sdp.internal.parse.SdpChars;

/**
 * A session description that could not be parsed (RFC 8866 §9 grammar, or one of the size limits of
 * {@link SessionDescription#parse(byte[])}). A SIP user agent answers an offer it cannot parse with
 * 488 Not Acceptable Here (or 400 when the body is plainly broken).
 *
 * <p>No stack trace is captured: parse errors are expected input.
 */
public final class SdpParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final int MAX_REASON = 160;

    private final int lineNumber;
    private final String reason;

    /**
     * @param reason     what was wrong; cut to 160 characters of printable ASCII
     * @param lineNumber the 1-based line of the input it was found on, or 0 when it concerns the
     *                   whole description (size, a missing line)
     */
    public SdpParseException(String reason, int lineNumber) {
        super(message(sanitize(reason), lineNumber), null, false, false);
        this.reason = sanitize(reason);
        this.lineNumber = Math.max(0, lineNumber);
    }

    /** The 1-based line number the error was found on, or 0 when it concerns the whole description. */
    public int lineNumber() {
        return lineNumber;
    }

    /** What was wrong, without the line number: one line of printable ASCII. */
    public String reason() {
        return reason;
    }

    private static String message(String reason, int lineNumber) {
        return lineNumber > 0 ? "line " + lineNumber + ": " + reason : reason;
    }

    private static String sanitize(String s) {
        return s == null || s.isEmpty() ? "malformed SDP" : SdpChars.excerpt(s, MAX_REASON);
    }
}
