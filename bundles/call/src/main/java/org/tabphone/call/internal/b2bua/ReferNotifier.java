package org.tabphone.call.internal.b2bua;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

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
 * The implicit subscription of a REFER (RFC 3515 §2.4.4): NOTIFYs in the referrer's dialog with
 * a {@code message/sipfrag} status line of the transfer's progress — 100 Trying, then the final
 * answer with {@code Subscription-State: terminated}. One NOTIFY at
 * a time, the next after the previous is answered, so they arrive in order even over UDP.
 */
final class ReferNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(ReferNotifier.class);
    private static final int EXPIRES = 60;

    private final SipStack stack;
    private final Dialog dialog;
    private final SipPath path;
    /** RFC 3515 §2.4.6: the REFER's CSeq names the subscription. */
    private final long referSeq;
    private final Deque<SipRequest> queue = new ArrayDeque<>();
    private boolean inFlight;
    private boolean terminated;

    ReferNotifier(SipStack stack, Dialog dialog, SipPath path, long referSeq) {
        this.stack = stack;
        this.dialog = dialog;
        this.path = path;
        this.referSeq = referSeq;
    }

    /** Progress (1xx) of the transfer: 100 Trying when the REFER is accepted. */
    synchronized void progress(int code, String reason) {
        enqueue(code, reason, false);
    }

    /** The outcome; ends the subscription. */
    synchronized void outcome(int code, String reason) {
        enqueue(code, reason, true);
    }

    /** The referrer's dialog ended: nothing more can be sent. */
    synchronized void stop() {
        terminated = true;
        queue.clear();
    }

    private void enqueue(int code, String reason, boolean last) {
        if (terminated) {
            return;
        }
        terminated = last;
        byte[] frag = ("SIP/2.0 " + code + " " + reason + "\r\n").getBytes(StandardCharsets.UTF_8);
        SipRequest notify = dialog.newRequest(SipMethod.NOTIFY)
            .addVia(stack.newVia(path))
            .set(HeaderName.EVENT, "refer;id=" + referSeq)
            .set(HeaderName.SUBSCRIPTION_STATE, last ? "terminated;reason=noresource" : "active;expires=" + EXPIRES)
            .body(frag, "message/sipfrag;version=2.0")
            .build();
        queue.add(notify);
        sendNext();
    }

    private void sendNext() {
        if (inFlight || queue.isEmpty()) {
            return;
        }
        inFlight = true;
        stack.sendRequest(queue.poll(), path, new ClientTransactionListener() {
            @Override
            public void onResponse(ClientTransaction t, SipResponse r) {
                if (r.statusCode() >= 200) {
                    done();
                }
            }

            @Override
            public void onTimeout(ClientTransaction t) {
                LOG.info("NOTIFY of a transfer not answered: {}", dialog.id());
                done();
            }

            @Override
            public void onTransportError(ClientTransaction t, Throwable cause) {
                done();
            }
        });
    }

    private synchronized void done() {
        inFlight = false;
        sendNext();
    }
}
