package org.tabphone.acl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.header.HeaderName;

/**
 * Known SIP scanners by their User-Agent (SIPVicious' "friendly-scanner", sipcli, ...): their
 * requests are dropped unanswered, so the scanner learns nothing. Matching is a case-insensitive
 * substring; an empty list turns it off. Immutable.
 */
final class ScannerAgents {
    static final ScannerAgents NONE = new ScannerAgents(List.of());

    private final List<String> needles;

    private ScannerAgents(List<String> needles) {
        this.needles = needles;
    }

    static ScannerAgents parse(String text) {
        List<String> n = new ArrayList<>();
        for (String s : (text == null ? "" : text).split(",")) {
            if (!s.isBlank()) {
                n.add(s.trim().toLowerCase(Locale.ROOT));
            }
        }
        return new ScannerAgents(List.copyOf(n));
    }

    /** The matching needle, or null. Reads User-Agent only when there is something to match. */
    String match(SipRequest request) {
        if (needles.isEmpty()) {
            return null;
        }
        Optional<String> ua = request.header(HeaderName.USER_AGENT);
        if (ua.isEmpty()) {
            return null;
        }
        String agent = ua.get().toLowerCase(Locale.ROOT);
        for (int i = 0; i < needles.size(); i++) {
            if (agent.contains(needles.get(i))) {
                return needles.get(i);
            }
        }
        return null;
    }
}
