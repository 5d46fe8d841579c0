package org.tabphone.sip.internal.message;

import java.util.Objects;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.SipStatus;
import org.tabphone.sip.api.header.Header;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.internal.parse.HeaderNameTable;

/** Builds responses, including replies to a request (RFC 3261 §8.2.6); see {@link MessageEditor}. */
public final class ResponseBuilder extends MessageEditor<SipResponse.Builder> implements SipResponse.Builder {
    private int statusCode;
    private String reasonPhrase;
    /**
     * The received Status-Line is reused as long as code and phrase are unchanged, so a phrase that
     * is not valid UTF-8 is still written octet for octet.
     */
    private int rawStartLineLength;
    private int rawStartLineOffset;
    private int reasonStart;

    ResponseBuilder(WireResponse from) {
        super(from);
        this.statusCode = from.statusCode();
        this.reasonPhrase = from.reasonPhrase();
        this.rawStartLineLength = from.rawStartLineLength();
        this.rawStartLineOffset = from.rawStartLineOffset();
        this.reasonStart = from.reasonStart();
    }

    private ResponseBuilder(WireRequest request, int statusCode) {
        super(request);
        statusCode(statusCode);
        this.reasonPhrase = SipStatus.reasonPhrase(statusCode);
    }

    private ResponseBuilder(int statusCode, String reasonPhrase) {
        statusCode(statusCode);
        reasonPhrase(reasonPhrase);
    }

    public static ResponseBuilder create(int statusCode, String reasonPhrase) {
        return new ResponseBuilder(statusCode, reasonPhrase);
    }

    /**
     * RFC 3261 §8.2.6.2: Via (all, in order), From, To, Call-ID and CSeq are copied from the request
     * octet for octet; a 100 also copies Timestamp (§8.2.6.1).
     */
    public static ResponseBuilder replyTo(SipRequest request, int statusCode) {
        if (request instanceof WireRequest wire) {
            ResponseBuilder b = new ResponseBuilder(wire, statusCode);
            if (statusCode == 100) {
                b.retainOnly(HeaderNameTable.VIA, HeaderNameTable.FROM, HeaderNameTable.TO, HeaderNameTable.CALL_ID,
                        HeaderNameTable.CSEQ, HeaderNameTable.idOf(HeaderName.TIMESTAMP));
            } else {
                b.retainOnly(HeaderNameTable.VIA, HeaderNameTable.FROM, HeaderNameTable.TO, HeaderNameTable.CALL_ID,
                        HeaderNameTable.CSEQ);
            }
            b.clearBody();
            return b;
        }
        // Not one of ours (a test double): copy the same headers as strings.
        ResponseBuilder b = new ResponseBuilder(statusCode, SipStatus.reasonPhrase(statusCode));
        for (Header h : request.headers()) {
            HeaderName n = h.name();
            if (n.equals(HeaderName.VIA) || n.equals(HeaderName.FROM) || n.equals(HeaderName.TO)
                    || n.equals(HeaderName.CALL_ID) || n.equals(HeaderName.CSEQ)
                    || (statusCode == 100 && n.equals(HeaderName.TIMESTAMP))) {
                b.add(n, h.value());
            }
        }
        return b;
    }

    @Override
    SipResponse.Builder self() {
        return this;
    }

    @Override
    public SipResponse.Builder statusCode(int code) {
        if (code < 100 || code > 699) {
            throw new IllegalArgumentException("Status code out of range: " + code);
        }
        this.statusCode = code;
        this.rawStartLineLength = 0;
        return this;
    }

    @Override
    public SipResponse.Builder reasonPhrase(String phrase) {
        if (phrase.indexOf('\r') >= 0 || phrase.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("Reason phrase contains CR/LF");
        }
        this.reasonPhrase = phrase;
        this.rawStartLineLength = 0;
        return this;
    }

    @Override
    public SipResponse.Builder toTag(String tag) {
        String to = currentValue(HeaderName.TO);
        if (to == null) {
            throw new IllegalStateException("No To header to tag");
        }
        return set(HeaderName.TO, NameAddress.parse(to).withTag(Objects.requireNonNull(tag)));
    }

    @Override
    public SipResponse build() {
        Parts p = finish();
        if (rawStartLineLength > 0) {
            return new WireResponse(p.table(), p.core(), p.body(), p.bodyOff(), p.bodyLen(), statusCode, reasonStart,
                    rawStartLineOffset, rawStartLineLength);
        }
        return new WireResponse(p.table(), p.core(), p.body(), p.bodyOff(), p.bodyLen(), statusCode, reasonPhrase);
    }
}
