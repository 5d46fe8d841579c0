package org.tabphone.agent.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.tabphone.sip.api.SipRequest;

/**
 * A key press sent as SIP INFO, the way JsSIP sends DTMF by default: {@code application/dtmf-relay}
 * ({@code Signal=5}) or {@code application/dtmf} (the digit alone).
 */
final class InfoDtmf {
    private static final String DIGITS = "0123456789*#ABCD";

    private InfoDtmf() {
    }

    /** The digit, or 0 when the INFO carries none. */
    static char digit(SipRequest info) {
        String type = info.contentType().orElse("").toLowerCase(Locale.ROOT);
        String body = new String(info.body(), StandardCharsets.UTF_8).strip();
        String value;
        if (type.startsWith("application/dtmf-relay")) {
            value = body.lines().map(String::strip).filter(l -> l.regionMatches(true, 0, "Signal", 0, 6))
                .map(l -> l.substring(l.indexOf('=') + 1).strip()).findFirst().orElse("");
        } else if (type.startsWith("application/dtmf")) {
            value = body;
        } else {
            return 0;
        }
        if (value.length() != 1) {
            return 0;
        }
        char c = Character.toUpperCase(value.charAt(0));
        return DIGITS.indexOf(c) >= 0 ? c : 0;
    }
}
