package org.tabphone.sip.api.transaction;

import org.tabphone.sip.internal.transaction.DefaultTransactionLayer;

/** Creates transaction layers. */
public final class TransactionLayers {
    private TransactionLayers() {
    }

    public static TransactionLayer create(TransactionUser user, SipTimer timer, TransactionTimers timers) {
        return new DefaultTransactionLayer(user, timer, timers);
    }
}
