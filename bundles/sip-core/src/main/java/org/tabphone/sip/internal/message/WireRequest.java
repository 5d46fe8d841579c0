package org.tabphone.sip.internal.message;

import java.nio.charset.StandardCharsets;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.uri.Uri;
import org.tabphone.sip.internal.parse.CoreHeaders;
import org.tabphone.sip.internal.parse.UriParser;

/** A request over its octets (RFC 3261 §7.1); see {@link WireMessage}. */
public final class WireRequest extends WireMessage implements SipRequest {
    private final SipMethod method;
    private final int uriStart;
    private final int uriEnd;
    private Uri requestUri; // made from buffer 0 on first read when received; racy but idempotent

    /**
     * A received request: the Request-Line is {@code buffer0[lineStart, lineStart + lineLength)} and
     * its Request-URI, already validated, {@code buffer0[uriStart, uriEnd)}.
     */
    public WireRequest(HeaderTable table, CoreHeaders core, byte[] bodyBuf, int bodyOff, int bodyLen, SipMethod method,
            int uriStart, int uriEnd, int lineStart, int lineLength) {
        super(table, core, bodyBuf, bodyOff, bodyLen, lineStart, lineLength);
        this.method = method;
        this.uriStart = uriStart;
        this.uriEnd = uriEnd;
    }

    /**
     * A built request; {@code lineLength} > 0 keeps the received Request-Line at {@code lineStart} in
     * buffer 0 (method and Request-URI unchanged), 0 composes it.
     */
    WireRequest(HeaderTable table, CoreHeaders core, byte[] bodyBuf, int bodyOff, int bodyLen, SipMethod method,
            Uri requestUri, int lineStart, int lineLength) {
        super(table, core, bodyBuf, bodyOff, bodyLen, lineStart, lineLength);
        this.method = method;
        this.requestUri = requestUri;
        this.uriStart = 0;
        this.uriEnd = 0;
    }

    @Override
    public SipMethod method() {
        return method;
    }

    @Override
    public Uri requestUri() {
        Uri u = requestUri;
        if (u == null) {
            try {
                requestUri = u = UriParser.parseUri(table().receivedBuffer(), uriStart, uriEnd, true);
            } catch (SipParseException e) {
                throw new IllegalStateException("Request-URI failed to parse after validation: " + e.reason(), e);
            }
        }
        return u;
    }

    @Override
    public Builder toBuilder() {
        return new RequestBuilder(this);
    }

    @Override
    byte[] composeStartLine() {
        return (method.name() + ' ' + requestUri() + " SIP/2.0").getBytes(StandardCharsets.UTF_8);
    }
}
