package org.tabphone.transport.internal;

import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.HeaderName;

/** Answers the transport gives by itself, without a transaction (RFC 3261 §8.2.6, §16.3). */
final class StatelessReplies {
    /** Seconds a client should wait before retrying while no SIP service is bound. */
    static final String RETRY_AFTER_SECONDS = "5";

    private StatelessReplies() {
    }

    /** 503 while nothing consumes SIP (starting up, or the consumer bundle is being updated). */
    static SipResponse serviceUnavailable(SipRequest request) {
        return SipResponse.uasReplyTo(request, 503).set(HeaderName.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    /** 400 (or 505, ...) for bytes that did not parse; null when there is nobody to answer. */
    static byte[] badRequest(byte[] raw, SipParseException error) {
        return MalformedRequestReply.build(raw, error.statusCode(), error.reason());
    }
}
