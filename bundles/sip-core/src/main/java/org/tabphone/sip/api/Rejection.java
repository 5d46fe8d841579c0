package org.tabphone.sip.api;

import java.util.List;
import org.tabphone.sip.api.header.Header;

/**
 * The response {@link RequestChecks} says a UAS should send (RFC 3261 §8.2).
 *
 * @param code    the status code, 400-699
 * @param reason  the reason phrase, saying what was wrong
 * @param headers headers the response must carry, e.g. Unsupported for 420 or Accept for 415
 */
public record Rejection(int code, String reason, List<Header> headers) {
    public Rejection {
        headers = List.copyOf(headers);
    }

    /**
     * The response for {@code request}: {@link SipResponse#replyTo} plus {@link #headers()}. Never send
     * it for an ACK (RFC 3261 §17.2.3: ACKs are not answered); drop a rejected ACK instead.
     */
    public SipResponse toResponse(SipRequest request) {
        SipResponse.Builder b = SipResponse.replyTo(request, code).reasonPhrase(reason);
        for (Header h : headers) {
            b.add(h.name(), h.value());
        }
        return b.build();
    }
}
