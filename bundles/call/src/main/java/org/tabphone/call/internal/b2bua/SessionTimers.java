package org.tabphone.call.internal.b2bua;

import java.util.Locale;

import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.header.HeaderName;

/**
 * Session timers (RFC 4028) with the gateway in the middle: a caller that supports them and asks
 * for an interval gets it in the 200 with {@code refresher=uac} — it refreshes (re-INVITE or
 * UPDATE, relayed to the callee like any other) and the gateway watches: a session nobody
 * refreshes is ended with BYE to both legs before it expires (§10). The callee leg gets no timer
 * of its own; the caller's refreshes keep it fresh too.
 */
final class SessionTimers {
    /** RFC 4028 §5: the smallest interval allowed; shorter asks get 422 with Min-SE. */
    static final int MIN_SE = 90;

    private SessionTimers() {
    }

    /** The interval a request asks for (seconds), or 0 when it asks for none or doesn't support timers. */
    static int requested(SipMessage request) {
        if (!hasOptionTag(request, HeaderName.SUPPORTED, "timer") && !hasOptionTag(request, HeaderName.REQUIRE, "timer")) {
            return 0;
        }
        return request.header(HeaderName.SESSION_EXPIRES).map(SessionTimers::deltaSeconds).orElse(0);
    }

    /** {@code 1800;refresher=uac} → 1800; unreadable → 0. */
    static int deltaSeconds(String value) {
        int semi = value.indexOf(';');
        String delta = (semi < 0 ? value : value.substring(0, semi)).trim();
        try {
            long n = Long.parseLong(delta);
            return n > 0 && n < Integer.MAX_VALUE ? (int) n : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** When to give up waiting for a refresh (§10: a third of the interval or 32 s before it ends). */
    static long expiryMillis(int sessionExpires) {
        return (sessionExpires - Math.min(32, sessionExpires / 3)) * 1000L;
    }

    static boolean hasOptionTag(SipMessage m, HeaderName header, String tag) {
        for (String value : m.headers(header)) {
            for (String t : value.split(",")) {
                if (t.trim().toLowerCase(Locale.ROOT).equals(tag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
