package org.tabphone.sip.internal.transaction;

import java.nio.charset.StandardCharsets;

import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMessages;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;

/** Wire-text messages for transaction tests. */
final class Messages {
    private Messages() {
    }

    static SipMessage parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        try {
            return SipMessages.parse(b, 0, b.length);
        } catch (SipParseException e) {
            throw new AssertionError(e.reason(), e);
        }
    }

    static SipRequest request(String method, String branch, long cseq, String toTag) {
        return request(method, branch, cseq, toTag, "call-1@test", "ft1");
    }

    static SipRequest request(String method, String branch, long cseq, String toTag, String callId, String fromTag) {
        return (SipRequest) parse(method + " sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=" + branch + "\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:bob@example.com>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
            + "From: <sip:alice@example.com>;tag=" + fromTag + "\r\n"
            + "Call-ID: " + callId + "\r\n"
            + "CSeq: " + cseq + " " + method + "\r\n"
            + "Content-Length: 0\r\n\r\n");
    }

    /** A response to {@code request} with the given code and To tag. */
    static SipResponse response(SipRequest request, int code, String toTag) {
        SipResponse.Builder b = SipResponse.replyTo(request, code);
        if (toTag != null) {
            b.toTag(toTag);
        }
        return b.build();
    }
}
