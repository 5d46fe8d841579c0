package org.tabphone.sip.api.dialog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.CSeq;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.uri.Uri;

/**
 * One dialog's state (RFC 3261 §12): id, local and remote URI, remote target, route set and
 * CSeq numbers. Made by {@link #asUas} or {@link #asUac}; builds in-dialog requests
 * (§12.2.1.1) and checks incoming ones (§12.2.2). Thread-safe: its methods synchronize, so a
 * B2BUA may touch it from the I/O thread of either leg.
 */
public final class Dialog {
    private final String callId;
    private final String localTag;
    private final NameAddress localUri;
    private final boolean secure;
    private String remoteTag;
    private NameAddress remoteUri;
    private Uri remoteTarget;
    private List<NameAddress> routeSet;
    private long localSeq;
    private long remoteSeq;
    private DialogState state;

    private Dialog(String callId, String localTag, String remoteTag, NameAddress localUri, NameAddress remoteUri,
                   Uri remoteTarget, List<NameAddress> routeSet, long localSeq, long remoteSeq, DialogState state,
                   boolean secure) {
        this.callId = callId;
        this.localTag = localTag;
        this.remoteTag = remoteTag;
        this.localUri = localUri;
        this.remoteUri = remoteUri;
        this.remoteTarget = remoteTarget;
        this.routeSet = List.copyOf(routeSet);
        this.localSeq = localSeq;
        this.remoteSeq = remoteSeq;
        this.state = state;
        this.secure = secure;
    }

    /**
     * §12.1.1: the dialog a UAS makes when it sends {@code response} (1xx with To tag or 2xx) to
     * {@code request}: route set = Record-Route in order, remote target = the request's Contact.
     */
    public static Dialog asUas(SipRequest request, SipResponse response) {
        String localTag = response.to().tag().orElseThrow(() -> new IllegalArgumentException("response without To tag"));
        Uri target = firstContact(request).orElse(request.from().uri());
        return new Dialog(request.callId(), localTag, request.from().tag().orElse(""), response.to(), request.from(),
            target, request.recordRoutes(), 0, request.cseq().number(), stateOf(response),
            request.requestUri().scheme().equalsIgnoreCase("sips"));
    }

    /**
     * §12.1.2: the dialog a UAC gets from {@code response} to its {@code request}: route set =
     * Record-Route reversed, remote target = the response's Contact.
     */
    public static Dialog asUac(SipRequest request, SipResponse response) {
        String remoteTag = response.to().tag().orElseThrow(() -> new IllegalArgumentException("response without To tag"));
        List<NameAddress> routes = new ArrayList<>(response.recordRoutes());
        Collections.reverse(routes);
        Uri target = firstContact(response).orElse(request.requestUri());
        return new Dialog(request.callId(), request.from().tag().orElse(""), remoteTag, request.from(), response.to(),
            target, routes, request.cseq().number(), 0, stateOf(response),
            request.requestUri().scheme().equalsIgnoreCase("sips"));
    }

    public synchronized DialogId id() {
        return new DialogId(callId, localTag, remoteTag);
    }

    public synchronized DialogState state() {
        return state;
    }

    public synchronized Uri remoteTarget() {
        return remoteTarget;
    }

    public synchronized List<NameAddress> routeSet() {
        return routeSet;
    }

    public synchronized long localSeq() {
        return localSeq;
    }

    public synchronized long remoteSeq() {
        return remoteSeq;
    }

    public boolean isSecure() {
        return secure;
    }

    /**
     * A UAC's early dialog confirmed by a 2xx (§12.1.2, §13.2.2.4): the 2xx's Contact and
     * Record-Route are final.
     */
    public synchronized void confirm(SipResponse twoHundred) {
        if (state == DialogState.TERMINATED) {
            return;
        }
        state = DialogState.CONFIRMED;
        firstContact(twoHundred).ifPresent(c -> remoteTarget = c);
        if (localSeq > 0 && !twoHundred.recordRoutes().isEmpty()) {
            List<NameAddress> routes = new ArrayList<>(twoHundred.recordRoutes());
            Collections.reverse(routes);
            routeSet = List.copyOf(routes);
        }
    }

    /** A UAS's early dialog confirmed by the 2xx it sent. */
    public synchronized void confirmAsUas() {
        if (state != DialogState.TERMINATED) {
            state = DialogState.CONFIRMED;
        }
    }

    public synchronized void terminate() {
        state = DialogState.TERMINATED;
    }

    /**
     * §12.2.1.1: a new request in this dialog with the next local CSeq. The caller adds the Via
     * (and body); Max-Forwards is 70.
     */
    public synchronized SipRequest.Builder newRequest(SipMethod method) {
        if (method.equals(SipMethod.ACK) || method.equals(SipMethod.CANCEL)) {
            throw new IllegalArgumentException(method + " reuses the INVITE's CSeq: use ack(...)");
        }
        return request(method, ++localSeq);
    }

    /** §13.2.2.4: the ACK for a 2xx to the INVITE that had CSeq {@code inviteSeq}. */
    public synchronized SipRequest.Builder ack(long inviteSeq) {
        return request(SipMethod.ACK, inviteSeq);
    }

    private SipRequest.Builder request(SipMethod method, long seq) {
        SipRequest.Builder b = SipRequest.builder(method, remoteTarget)
            .maxForwards(70)
            .from(localUri.withTag(localTag))
            .to(remoteTag.isEmpty() ? remoteUri : remoteUri.withTag(remoteTag))
            .callId(callId)
            .cseq(new CSeq(seq, method));
        for (NameAddress route : routeSet) {
            b.add(HeaderName.ROUTE, route);
        }
        return b;
    }

    /**
     * §12.2.2: checks an incoming in-dialog request's CSeq. Returns false (answer 500) when it is
     * lower than the last one; otherwise records it, and for a target refresh (re-INVITE, UPDATE)
     * takes the new remote target from its Contact.
     */
    public synchronized boolean acceptRemote(SipRequest request) {
        long seq = request.cseq().number();
        if (request.method().equals(SipMethod.ACK) || request.method().equals(SipMethod.CANCEL)) {
            return true; // they carry the INVITE's number
        }
        if (remoteSeq > 0 && seq < remoteSeq) {
            return false;
        }
        remoteSeq = seq;
        if (request.method().equals(SipMethod.INVITE) || request.method().equals(SipMethod.UPDATE)) {
            firstContact(request).ifPresent(c -> remoteTarget = c);
        }
        return true;
    }

    private static DialogState stateOf(SipResponse r) {
        return r.statusCode() < 200 ? DialogState.EARLY : DialogState.CONFIRMED;
    }

    private static Optional<Uri> firstContact(org.tabphone.sip.api.SipMessage m) {
        List<NameAddress> contacts = m.contacts();
        return contacts.isEmpty() ? Optional.empty() : Optional.of(contacts.get(0).uri());
    }

    @Override
    public synchronized String toString() {
        return "Dialog[" + callId + " " + localTag + "/" + remoteTag + " " + state + "]";
    }
}
