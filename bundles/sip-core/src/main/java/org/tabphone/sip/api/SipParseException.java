package org.tabphone.sip.api;

/**
 * A message that could not be parsed or framed (RFC 3261 §8.2, §16.3, §18.3).
 *
 * <p>{@link #statusCode()} is the response a server should send for a broken request (400, 505 for
 * an unsupported SIP version, 413 for an oversize message, 501 for an unknown method whose CSeq does
 * not match); {@link #reason()} is short enough to be that response's reason phrase. A broken
 * response ({@link #isResponse()}) is dropped, never answered. Over a stream transport any framing
 * error means the connection must be closed.
 *
 * <p>No stack trace is captured: parse errors are expected input, and a flood of garbage should not
 * cost a stack walk per message.
 */
public final class SipParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final int MAX_REASON = 100;

    private final int statusCode;
    private final String reason;
    private final boolean response;

    /** A 400 for a request. */
    public SipParseException(String reason) {
        this(400, reason, false);
    }

    public SipParseException(int statusCode, String reason) {
        this(statusCode, reason, false);
    }

    /**
     * @param statusCode the status a server should answer a broken request with (400-699)
     * @param reason     what was wrong; non-printable or non-ASCII characters are replaced and it is
     *                   cut to 100 characters so it can be sent as a reason phrase
     * @param response   whether the broken message was a response
     */
    public SipParseException(int statusCode, String reason, boolean response) {
        super(statusCode + " " + sanitize(reason), null, false, false);
        if (statusCode < 400 || statusCode > 699) {
            throw new IllegalArgumentException("Not an error status: " + statusCode);
        }
        this.statusCode = statusCode;
        this.reason = sanitize(reason);
        this.response = response;
    }

    /** The status code to answer a broken request with. */
    public int statusCode() {
        return statusCode;
    }

    /** One line of printable ASCII, at most 100 characters, saying what was wrong. */
    public String reason() {
        return reason;
    }

    /** Whether the broken message was a response (those are dropped, never answered). */
    public boolean isResponse() {
        return response;
    }

    /** This error with {@code prefix} before the reason and the response flag set as given. */
    public SipParseException withContext(String prefix, boolean isResponse) {
        return new SipParseException(statusCode, prefix + reason, isResponse);
    }

    private static String sanitize(String s) {
        if (s == null || s.isEmpty()) {
            return "Bad Request";
        }
        int n = Math.min(s.length(), MAX_REASON);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return sb.toString();
    }
}
