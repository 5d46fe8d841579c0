package org.tabphone.sip.internal.transaction;

import java.util.ArrayList;
import java.util.List;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.transaction.ClientTransaction;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.transaction.TransactionUser;

/** A transaction user and client listener that records every callback. */
final class RecordingUser implements TransactionUser, ClientTransactionListener {
    final List<ServerTransaction> requests = new ArrayList<>();
    final List<SipRequest> acks = new ArrayList<>();
    final List<SipResponse> stray = new ArrayList<>();
    final List<SipResponse> responses = new ArrayList<>();
    int timeouts;
    int ackTimeouts;
    int transportErrors;

    @Override
    public void onRequest(ServerTransaction transaction) {
        requests.add(transaction);
    }

    @Override
    public void onAck(SipRequest ack, SipPath path) {
        acks.add(ack);
    }

    @Override
    public void onAckTimeout(ServerTransaction invite) {
        ackTimeouts++;
    }

    @Override
    public void onStrayResponse(SipResponse response, SipPath path) {
        stray.add(response);
    }

    @Override
    public void onResponse(ClientTransaction transaction, SipResponse response) {
        responses.add(response);
    }

    @Override
    public void onTimeout(ClientTransaction transaction) {
        timeouts++;
    }

    @Override
    public void onTransportError(ClientTransaction transaction, Throwable cause) {
        transportErrors++;
    }
}
