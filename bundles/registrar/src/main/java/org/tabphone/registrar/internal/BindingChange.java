package org.tabphone.registrar.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tabphone.registrar.api.Binding;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.transport.api.Flow;

/**
 * RFC 3261 §10.3 step 7 as a function from an AOR's bindings to its new bindings: each
 * contact adds, refreshes or (expires 0) removes its binding; a REGISTER with the Call-ID of an
 * existing binding and no higher CSeq is out of order and changes nothing.
 */
final class BindingChange {
    record Rejection(int code, String reason) {
    }

    private final SipRequest request;
    private final Flow flow;
    private final AorKey aor;
    private final List<ContactUpdate> updates;
    private final long now;
    private final int maxContacts;
    private volatile Rejection rejection;

    BindingChange(SipRequest request, Flow flow, AorKey aor, List<ContactUpdate> updates, long now, int maxContacts) {
        this.request = request;
        this.flow = flow;
        this.aor = aor;
        this.updates = updates;
        this.now = now;
        this.maxContacts = maxContacts;
    }

    /** Set when {@link #apply} refused the change; the bindings were then left as they were. */
    Rejection rejection() {
        return rejection;
    }

    /** How many bindings this change would add to {@code current}. */
    int added(List<Binding> current) {
        int n = 0;
        for (ContactUpdate u : updates) {
            if (u.expiresSeconds() > 0 && current.stream().noneMatch(u::sameBinding)) {
                n++;
            }
        }
        return n;
    }

    List<Binding> apply(List<Binding> current) {
        rejection = null;
        List<Binding> next = new ArrayList<>();
        for (Binding b : current) {
            if (b.expiresAtMillis() > now) {
                next.add(b);
            }
        }
        String callId = request.callId();
        long cseq = request.cseq().number();
        for (ContactUpdate u : updates) {
            Binding existing = next.stream().filter(u::sameBinding).findFirst().orElse(null);
            if (existing != null) {
                if (existing.callId().equals(callId) && cseq <= existing.cseq()) {
                    rejection = new Rejection(400, "CSeq out of order for this registration");
                    return current;
                }
                next.remove(existing);
            }
            if (u.expiresSeconds() > 0) {
                next.add(binding(u));
            }
        }
        if (next.size() > maxContacts) {
            rejection = new Rejection(403, "More than " + maxContacts + " contacts for one address");
            return current;
        }
        next.sort(Comparator.comparingLong(Binding::expiresAtMillis).reversed());
        return next;
    }

    private Binding binding(ContactUpdate u) {
        return new Binding(aor.tenant(), aor.user(), u.uri(), now + u.expiresSeconds() * 1000, flow.id(), flow.kind(),
            flow.remote(), u.instanceId(), u.regId(), request.headers(HeaderName.PATH), request.callId(),
            request.cseq().number(), request.header(HeaderName.USER_AGENT).orElse(""));
    }
}
