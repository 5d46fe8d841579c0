package org.tabphone.sip.api;

import org.tabphone.sip.internal.message.ResponseBuilder;

/** A SIP response (RFC 3261 §7.2, §8.2.6). Implemented only by this bundle. */
public non-sealed interface SipResponse extends SipMessage {

    /** 100-699. */
    int statusCode();

    /** The reason phrase, UTF-8 decoded; may be empty (RFC 4475 §3.1.1.13). */
    String reasonPhrase();

    /** A builder that starts from this response; this response is not changed. */
    Builder toBuilder();

    /** A builder for a new response with no headers and no body. */
    static Builder builder(int statusCode, String reasonPhrase) {
        return ResponseBuilder.create(statusCode, reasonPhrase);
    }

    /**
     * A response to {@code request} as RFC 3261 §8.2.6.2 says: all Via values in order, From, To,
     * Call-ID and CSeq copied exactly (plus Timestamp for a 100, §8.2.6.1), the default reason phrase
     * from {@link SipStatus}. The UAS adds a To tag with {@link Builder#toTag(String)} when the request
     * had none (except for 100).
     */
    static Builder replyTo(SipRequest request, int statusCode) {
        return ResponseBuilder.replyTo(request, statusCode);
    }

    /**
     * {@link #replyTo} as a UAS answers (RFC 3261 §8.2.6.2): a response other than 100 to a request
     * without a To tag gets a fresh one ({@link org.tabphone.sip.api.header.Tags#newTag()}).
     */
    static Builder uasReplyTo(SipRequest request, int statusCode) {
        Builder b = replyTo(request, statusCode);
        if (statusCode > 100 && request.to() != null && request.to().tag().isEmpty()) {
            b.toTag(org.tabphone.sip.api.header.Tags.newTag());
        }
        return b;
    }

    /** Builds an immutable {@link SipResponse}. */
    interface Builder extends SipMessage.Builder<Builder> {
        /** @throws IllegalArgumentException if the code is not 100-699 */
        Builder statusCode(int statusCode);

        /** @throws IllegalArgumentException if the phrase contains CR or LF */
        Builder reasonPhrase(String reasonPhrase);

        /** Sets the tag parameter of the To header (which must be present). */
        Builder toTag(String tag);

        /** @throws IllegalArgumentException if a header set through this builder has an invalid value */
        SipResponse build();
    }
}
