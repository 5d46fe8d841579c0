package org.tabphone.sip.internal.transaction;

import java.util.Locale;

import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.header.Via;

/**
 * What identifies a transaction. RFC 3261 §17.2.3: the top Via's branch and sent-by plus the
 * method (ACK counts as INVITE); for a branch without the magic cookie (RFC 2543 peers) the
 * Request-URI, From tag, Call-ID, CSeq number and top Via instead. §17.1.3: a client matches
 * responses by branch and CSeq method.
 */
record TransactionKey(String id, String method) {

    static TransactionKey server(SipRequest request) {
        return server(request, request.method());
    }

    /** The key a request of {@code method} with this request's Via would have (CANCEL → its INVITE). */
    static TransactionKey server(SipRequest request, SipMethod method) {
        String m = method.equals(SipMethod.ACK) ? SipMethod.INVITE.name() : method.name();
        Via top = request.topVia();
        if (top.isRfc3261Branch()) {
            return new TransactionKey(top.branch().orElseThrow() + "|" + sentBy(top), m);
        }
        String fromTag = request.from().tag().orElse("");
        return new TransactionKey("2543|" + request.requestUri() + "|" + fromTag + "|" + request.callId() + "|"
            + request.cseq().number() + "|" + top, m);
    }

    static TransactionKey client(String branch, SipMethod method) {
        return new TransactionKey(branch, method.name());
    }

    /** The client key of a response; null when its top Via has no branch. */
    static TransactionKey clientOf(SipMessage response) {
        return response.topVia().branch()
            .map(b -> new TransactionKey(b, response.cseq().method().name()))
            .orElse(null);
    }

    private static String sentBy(Via v) {
        return v.host().toLowerCase(Locale.ROOT) + ":" + (v.port().isPresent() ? v.port().getAsInt() : 0);
    }
}
