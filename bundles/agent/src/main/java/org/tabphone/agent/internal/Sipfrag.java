package org.tabphone.agent.internal;

/** The status line of a message/sipfrag body (RFC 3420), as a REFER's NOTIFY carries it. */
final class Sipfrag {
    private Sipfrag() {
    }

    /** The status code of {@code SIP/2.0 200 OK}, or 0 when the body is no status line. */
    static int status(String body) {
        String[] parts = firstLine(body).split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("SIP/") || !parts[1].matches("[1-6][0-9][0-9]")) {
            return 0;
        }
        return Integer.parseInt(parts[1]);
    }

    static String reason(String body) {
        String[] parts = firstLine(body).split(" ", 3);
        return parts.length == 3 ? parts[2] : "";
    }

    private static String firstLine(String body) {
        String b = body.strip();
        int eol = b.indexOf('\n');
        return (eol < 0 ? b : b.substring(0, eol)).strip();
    }
}
