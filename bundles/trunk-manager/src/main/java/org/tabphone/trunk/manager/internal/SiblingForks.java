package org.tabphone.trunk.manager.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.uri.SipUri;

/**
 * Recognises one upstream call forked to us over several trunks (a PBX ringing all its trunks
 * in parallel): the same Call-ID and From tag — or, with {@code pai-to}, the same
 * P-Asserted-Identity and To — within the window. Only the copy that claimed the call rings;
 * the siblings wait. A copy held by a closed trunk (max.inbound = 0) or refused at capacity
 * claims nothing, so the copy on an open trunk still rings.
 */
final class SiblingForks {

    enum Correlation { CALL_ID, PAI_TO }

    private final ConcurrentHashMap<String, Long> firstSeen = new ConcurrentHashMap<>();
    private volatile long windowNanos;
    private volatile Correlation correlation;
    private volatile long lastPurge;

    SiblingForks(long windowMillis, Correlation correlation) {
        configure(windowMillis, correlation);
    }

    void configure(long windowMillis, Correlation c) {
        windowNanos = windowMillis * 1_000_000L;
        correlation = c;
    }

    /**
     * True when a copy of the same call already rings (it claimed the call within the window).
     * Only a check: a copy that is held or refused itself must not hold the others.
     */
    boolean isSibling(String tenant, SipRequest invite, long nowNanos) {
        purge(nowNanos);
        for (String key : keys(tenant, invite)) {
            Long first = firstSeen.get(key);
            if (first != null && nowNanos - first <= windowNanos) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records this copy as the one that rings; false when another copy claimed the call within
     * the window first (two copies admitted at the same moment on two threads).
     */
    synchronized boolean claim(String tenant, SipRequest invite, long nowNanos) {
        List<String> keys = keys(tenant, invite);
        for (String key : keys) {
            Long first = firstSeen.get(key);
            if (first != null && nowNanos - first <= windowNanos) {
                return false;
            }
        }
        keys.forEach(k -> firstSeen.put(k, nowNanos)); // an older entry was another call: replaced
        return true;
    }

    private List<String> keys(String tenant, SipRequest invite) {
        List<String> keys = new ArrayList<>(2);
        keys.add(tenant + '\n' + invite.callId() + '\n' + invite.from().tag().orElse(""));
        if (correlation == Correlation.PAI_TO) {
            invite.header(HeaderName.P_ASSERTED_IDENTITY).ifPresent(pai -> keys.add(tenant + '\n'
                + pai.trim().toLowerCase(Locale.ROOT) + '\n' + calledNumber(invite)));
        }
        return keys;
    }

    /** The To user: each provider names our host its own way, the number is what they share. */
    private static String calledNumber(SipRequest invite) {
        return invite.to().uri() instanceof SipUri u && u.user().isPresent() ? u.user().get()
            : invite.to().uri().toString().toLowerCase(Locale.ROOT);
    }

    private void purge(long now) {
        if (now - lastPurge < windowNanos && now >= lastPurge) {
            return;
        }
        lastPurge = now;
        firstSeen.values().removeIf(t -> now - t > windowNanos);
    }

    int size() {
        return firstSeen.size();
    }
}
