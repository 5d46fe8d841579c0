package org.tabphone.call.internal.b2bua;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.media.api.MediaException;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.transaction.ClientTransaction;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.transport.api.SipStack;

/**
 * Carries an in-dialog request (re-INVITE for hold or an ICE restart, UPDATE, INFO) from one leg
 * to the other as a new request of the other leg's dialog (RFC 3261 §12.2.1.1), and its answer
 * back. SDP offers and answers are shaped for each leg by the call's media; other bodies go across unchanged; a 2xx to a relayed re-INVITE is ACKed on the
 * far leg at once (the near leg's ACK is absorbed, RFC 3261 §13.3.1.4). Session timers end at the
 * gateway ({@link SessionTimers}): Session-Expires and Require don't cross.
 */
final class InDialogRelay {
    private static final Logger LOG = LoggerFactory.getLogger(InDialogRelay.class);
    /** Headers that mean something end to end and go across with the body. */
    private static final HeaderName[] CARRIED = {HeaderName.CONTENT_DISPOSITION, HeaderName.EVENT,
        HeaderName.SUPPORTED};

    private final SipStack stack;
    private final LegRequests requests;

    InDialogRelay(SipStack stack, LegRequests requests) {
        this.stack = stack;
        this.requests = requests;
    }

    void relay(ServerTransaction tx, LegPair legs) {
        SipRequest in = tx.request();
        if (!legs.from().acceptRemote(in)) {
            tx.respond(SipResponse.replyTo(in, 500).reasonPhrase("CSeq out of order").build()); // RFC 3261 §12.2.2
            return;
        }
        SipMethod method = in.method();
        SipRequest.Builder out = legs.to().newRequest(method).addVia(stack.newVia(legs.toPath()));
        if (method.equals(SipMethod.INVITE) || method.equals(SipMethod.UPDATE)) {
            out.set(HeaderName.CONTACT, requests.contact(legs.toPath())); // a target refresh: we stay in the path
        }
        for (HeaderName h : CARRIED) {
            in.header(h).ifPresent(v -> out.set(h, v));
        }
        boolean offerAnswer = method.equals(SipMethod.INVITE) || method.equals(SipMethod.UPDATE);
        if (in.bodyLength() > 0) {
            byte[] body;
            try {
                body = offerAnswer ? legs.media().reoffer(legs.fromCaller(), in) : in.body();
            } catch (MediaException e) {
                tx.respond(SipResponse.replyTo(in, e.sipStatus()).reasonPhrase(e.getMessage()).build());
                return;
            }
            out.body(body, in.contentType().orElse("application/octet-stream"));
        }
        SipRequest sent = out.build();
        stack.sendRequest(sent, legs.toPath(), new ClientTransactionListener() {
            @Override
            public void onResponse(ClientTransaction ct, SipResponse r) {
                if (r.statusCode() == 100) {
                    return;
                }
                if (method.equals(SipMethod.INVITE) && r.statusCode() >= 200 && r.statusCode() < 300) {
                    SipRequest ack = legs.to().ack(sent.cseq().number()).addVia(stack.newVia(legs.toPath())).build();
                    legs.toPath().send(ack, e -> LOG.info("ACK of a relayed re-INVITE failed: {}", e.toString()));
                }
                answer(tx, in, r.statusCode(), r.reasonPhrase(), r, legs);
            }

            @Override
            public void onTimeout(ClientTransaction ct) {
                answer(tx, in, 408, "Request Timeout", null, legs);
            }

            @Override
            public void onTransportError(ClientTransaction ct, Throwable cause) {
                answer(tx, in, 480, "Other leg unreachable", null, legs);
            }
        });
    }

    private void answer(ServerTransaction tx, SipRequest in, int code, String reason, SipResponse from, LegPair legs) {
        SipResponse.Builder b = SipResponse.replyTo(in, code).reasonPhrase(reason);
        if (from != null && from.bodyLength() > 0) {
            boolean sdpAnswer = code >= 200 && code < 300 && in.bodyLength() > 0
                && (in.method().equals(SipMethod.INVITE) || in.method().equals(SipMethod.UPDATE));
            byte[] body = from.body();
            if (sdpAnswer) {
                try {
                    body = legs.media().reanswer(legs.fromCaller(), from);
                } catch (MediaException e) {
                    LOG.info("answer to a relayed {} not usable: {}", in.method(), e.getMessage());
                }
            }
            b.body(body, from.contentType().orElse("application/octet-stream"));
        }
        if (code >= 200 && code < 300 && (in.method().equals(SipMethod.INVITE) || in.method().equals(SipMethod.UPDATE))) {
            b.set(HeaderName.CONTACT, requests.contact(tx.path()));
            legs.call().sessionRefreshed(); // a refresh (RFC 4028 §10), whoever sent it
            int interval = legs.call().sessionExpires();
            if (interval > 0 && legs.fromCaller() && SessionTimers.requested(in) > 0) {
                b.set(HeaderName.SESSION_EXPIRES, interval + ";refresher=uac").add(HeaderName.REQUIRE, "timer");
            }
        }
        try {
            tx.respond(b.build());
        } catch (IllegalStateException alreadyAnswered) {
            // the near leg's transaction gave up (or answered) meanwhile
        }
    }
}
