package org.tabphone.registrar.internal.relay;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;

/** Responses the registrar bundle generates itself, with an optional reason phrase. */
public final class Replies {
    private Replies() {
    }

    public static SipResponse.Builder reply(SipRequest req, int code, String reason) {
        SipResponse.Builder b = SipResponse.uasReplyTo(req, code);
        return reason == null ? b : b.reasonPhrase(reason);
    }
}
