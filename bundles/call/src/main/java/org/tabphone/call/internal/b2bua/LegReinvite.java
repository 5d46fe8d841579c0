package org.tabphone.call.internal.b2bua;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.dialog.Dialog;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.transaction.ClientTransaction;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.transport.api.SipStack;

/**
 * A re-INVITE the gateway sends on its own (RFC 3261 §14.1), to move a leg's media to another
 * session when a transfer changes who it talks to: our Contact, the SDP offer, the ACK of a 2xx
 * at once, and one call of {@link Outcome} with the final answer (408/480 when none came).
 */
final class LegReinvite {
    private static final Logger LOG = LoggerFactory.getLogger(LegReinvite.class);

    /** The leg's final answer; {@code response} is null after a timeout or transport error. */
    interface Outcome {
        void done(int code, String reason, SipResponse response);
    }

    private LegReinvite() {
    }

    static void send(SipStack stack, LegRequests requests, Dialog dialog, SipPath path, byte[] sdp, Outcome outcome) {
        SipRequest.Builder b = dialog.newRequest(SipMethod.INVITE).addVia(stack.newVia(path))
            .set(HeaderName.CONTACT, requests.contact(path));
        if (sdp != null && sdp.length > 0) {
            b.body(sdp, "application/sdp");
        }
        SipRequest sent = b.build();
        java.util.concurrent.atomic.AtomicBoolean told = new java.util.concurrent.atomic.AtomicBoolean();
        stack.sendRequest(sent, path, new ClientTransactionListener() {
            @Override
            public void onResponse(ClientTransaction ct, SipResponse r) {
                if (r.statusCode() < 200) {
                    return;
                }
                if (r.statusCode() < 300) { // every 2xx, retransmissions too, gets its ACK (RFC 3261 §13.2.2.4)
                    SipRequest ack = dialog.ack(sent.cseq().number()).addVia(stack.newVia(path)).build();
                    path.send(ack, e -> LOG.info("ACK of a re-INVITE in {} failed: {}", dialog.id(), e.toString()));
                }
                tell(r.statusCode(), r.reasonPhrase(), r);
            }

            @Override
            public void onTimeout(ClientTransaction ct) {
                tell(408, "Request Timeout", null);
            }

            @Override
            public void onTransportError(ClientTransaction ct, Throwable cause) {
                tell(480, "Leg unreachable", null);
            }

            /** Once: a retransmitted 2xx must not complete (or undo) a transfer twice. */
            private void tell(int code, String reason, SipResponse r) {
                if (told.compareAndSet(false, true)) {
                    outcome.done(code, reason, r);
                }
            }
        });
    }
}
