package org.tabphone.sip.api.transaction;

import org.osgi.annotation.versioning.ProviderType;
import org.tabphone.sip.api.SipRequest;

/** A request we sent, retransmitted and timed out as RFC 3261 §17.1 says. */
@ProviderType
public interface ClientTransaction {
    SipRequest request();

    SipPath path();

    TransactionState state();

    /** The branch that identifies this transaction (top Via of {@link #request()}). */
    String branch();
}
