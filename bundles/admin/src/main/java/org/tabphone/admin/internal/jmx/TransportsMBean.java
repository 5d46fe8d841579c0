package org.tabphone.admin.internal.jmx;

/** {@code org.tabphone:type=Transports}: SIP traffic counters. */
public interface TransportsMBean {
    long getMessagesReceived();

    long getMessagesMalformed();

    long getRequestsUnserved();

    /** STUN Binding requests answered on SIP UDP ports (RFC 5626 keep-alives). */
    long getStunKeepAlivesAnswered();

    int getFlows();

    int getTransactions();
}
