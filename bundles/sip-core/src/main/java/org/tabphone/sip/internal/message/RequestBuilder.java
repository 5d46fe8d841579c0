package org.tabphone.sip.internal.message;

import java.util.Objects;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.sip.api.uri.Uri;

/** Builds requests; see {@link MessageEditor}. */
public final class RequestBuilder extends MessageEditor<SipRequest.Builder> implements SipRequest.Builder {
    private SipMethod method;
    private Uri requestUri;
    /** The received Request-Line is reused as long as neither method nor Request-URI changes. */
    private int rawStartLineLength;
    private int rawStartLineOffset;

    RequestBuilder(WireRequest from) {
        super(from);
        this.method = from.method();
        this.requestUri = from.requestUri();
        this.rawStartLineLength = from.rawStartLineLength();
        this.rawStartLineOffset = from.rawStartLineOffset();
    }

    private RequestBuilder(SipMethod method, Uri requestUri) {
        this.method = Objects.requireNonNull(method);
        this.requestUri = Objects.requireNonNull(requestUri);
    }

    public static RequestBuilder create(SipMethod method, Uri requestUri) {
        return new RequestBuilder(method, requestUri);
    }

    @Override
    SipRequest.Builder self() {
        return this;
    }

    @Override
    public SipRequest.Builder method(SipMethod newMethod) {
        this.method = Objects.requireNonNull(newMethod);
        this.rawStartLineLength = 0;
        return this;
    }

    @Override
    public SipRequest.Builder requestUri(Uri newUri) {
        this.requestUri = Objects.requireNonNull(newUri);
        this.rawStartLineLength = 0;
        return this;
    }

    @Override
    public SipRequest build() {
        if (requestUri instanceof SipUri sip && !sip.headers().isEmpty()) {
            throw new IllegalArgumentException("A Request-URI must not have headers (RFC 3261 §19.1.5)");
        }
        Parts p = finish();
        if (p.core().cseq() != null && !p.core().cseq().method().equals(method)) {
            throw new IllegalArgumentException("CSeq method " + p.core().cseq().method() + " does not match " + method);
        }
        return new WireRequest(p.table(), p.core(), p.body(), p.bodyOff(), p.bodyLen(), method, requestUri,
                rawStartLineOffset, rawStartLineLength);
    }
}
