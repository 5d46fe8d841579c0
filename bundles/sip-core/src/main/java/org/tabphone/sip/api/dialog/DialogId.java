package org.tabphone.sip.api.dialog;

import org.tabphone.sip.api.SipRequest;

/** RFC 3261 §12: Call-ID plus the local and remote tags, seen from our side. */
public record DialogId(String callId, String localTag, String remoteTag) {

    /** The id of the dialog an incoming in-dialog request belongs to: our tag is in its To (§12.2.2). */
    public static DialogId ofIncoming(SipRequest request) {
        return new DialogId(request.callId(), request.to().tag().orElse(""), request.from().tag().orElse(""));
    }
}
