package org.tabphone.sip.api.transaction;

/** The states of RFC 3261 §17 Figures 5–8, with RFC 6026's Accepted. */
public enum TransactionState {
    CALLING,
    TRYING,
    PROCEEDING,
    /** RFC 6026 §7.1/§7.2: an INVITE transaction after a 2xx, absorbing 2xx retransmissions / ACKs. */
    ACCEPTED,
    COMPLETED,
    CONFIRMED,
    TERMINATED
}
