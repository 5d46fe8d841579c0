package org.tabphone.sip.internal.transaction;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.transaction.ClientTransaction;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionState;

/** The parts both client machines share: the request, its listener, and failure reporting. */
abstract class ClientTransactionBase extends Transaction implements ClientTransaction {
    protected final SipRequest request;
    protected final ClientTransactionListener listener;

    ClientTransactionBase(TransactionContext ctx, TransactionKey key, SipRequest request, SipPath path,
                          ClientTransactionListener listener, TransactionState initial) {
        super(ctx, key, path, initial);
        this.request = request;
        this.listener = listener;
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public String branch() {
        return key.id();
    }

    abstract void start();

    abstract void onResponse(SipResponse response);

    @Override
    protected void onSendFailed(Throwable cause) {
        boolean report;
        synchronized (this) {
            report = state != TransactionState.TERMINATED && state != TransactionState.COMPLETED
                && state != TransactionState.ACCEPTED;
            terminate();
        }
        if (report) {
            listener.onTransportError(this, cause);
        }
    }

    /** Timer B / F: the transaction gives up without a final response. */
    protected void timedOut() {
        listener.onTimeout(this);
    }
}
