package org.tabphone.sip.api;

import org.tabphone.sip.api.uri.Uri;
import org.tabphone.sip.internal.message.RequestBuilder;

/** A SIP request (RFC 3261 §7.1, §8.1). Implemented only by this bundle. */
public non-sealed interface SipRequest extends SipMessage {

    SipMethod method();

    /** The Request-URI: a {@link org.tabphone.sip.api.uri.SipUri}, tel or other absolute URI. */
    Uri requestUri();

    /** A builder that starts from this request; this request is not changed. */
    Builder toBuilder();

    /** A builder for a new request with no headers and no body. */
    static Builder builder(SipMethod method, Uri requestUri) {
        return RequestBuilder.create(method, requestUri);
    }

    /** Builds an immutable {@link SipRequest}. */
    interface Builder extends SipMessage.Builder<Builder> {
        Builder method(SipMethod method);

        Builder requestUri(Uri requestUri);

        /**
         * @throws IllegalArgumentException if a header set through this builder has an invalid value
         *                                  (the headers every element parses are validated here)
         */
        SipRequest build();
    }
}
