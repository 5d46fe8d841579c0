package org.tabphone.registrar.internal.relay;

import java.util.concurrent.ThreadLocalRandom;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;

/** Responses the registrar bundle generates itself: To tag added where RFC 3261 §8.2.6.2 asks for one. */
public final class Replies {
    private Replies() {
    }

    public static SipResponse.Builder reply(SipRequest req, int code, String reason) {
        SipResponse.Builder b = SipResponse.replyTo(req, code);
        if (reason != null) {
            b.reasonPhrase(reason);
        }
        if (code > 100 && req.to() != null && req.to().tag().isEmpty()) {
            b.toTag(Long.toHexString(ThreadLocalRandom.current().nextLong() | 1L << 62));
        }
        return b;
    }
}
