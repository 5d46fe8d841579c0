package org.tabphone.sip.internal.message;

import java.nio.charset.StandardCharsets;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.internal.parse.CoreHeaders;

/** A response over its octets (RFC 3261 §7.2); see {@link WireMessage}. */
public final class WireResponse extends WireMessage implements SipResponse {
    private final int statusCode;
    private final int reasonStart;
    private String reasonPhrase; // decoded on first read when received

    /**
     * A response whose Status-Line is {@code buffer0[lineStart, lineStart + lineLength)}; its reason
     * phrase starts at {@code reasonStart} and runs to the end of the line.
     */
    public WireResponse(HeaderTable table, CoreHeaders core, byte[] bodyBuf, int bodyOff, int bodyLen, int statusCode,
            int reasonStart, int lineStart, int lineLength) {
        super(table, core, bodyBuf, bodyOff, bodyLen, lineStart, lineLength);
        this.statusCode = statusCode;
        this.reasonStart = reasonStart;
    }

    /** A built response with a composed Status-Line. */
    WireResponse(HeaderTable table, CoreHeaders core, byte[] bodyBuf, int bodyOff, int bodyLen, int statusCode,
            String reasonPhrase) {
        super(table, core, bodyBuf, bodyOff, bodyLen, 0, 0);
        this.statusCode = statusCode;
        this.reasonStart = 0;
        this.reasonPhrase = reasonPhrase;
    }

    int reasonStart() {
        return reasonStart;
    }

    @Override
    public int statusCode() {
        return statusCode;
    }

    @Override
    public String reasonPhrase() {
        String r = reasonPhrase;
        if (r == null) {
            int end = rawStartLineOffset() + rawStartLineLength();
            r = new String(table().receivedBuffer(), reasonStart, end - reasonStart, StandardCharsets.UTF_8);
            reasonPhrase = r;
        }
        return r;
    }

    @Override
    public Builder toBuilder() {
        return new ResponseBuilder(this);
    }

    @Override
    byte[] composeStartLine() {
        return ("SIP/2.0 " + statusCode + ' ' + reasonPhrase()).getBytes(StandardCharsets.UTF_8);
    }
}
