package org.tabphone.admin.internal.jmx;

/** {@code org.tabphone:type=Transports}: SIP traffic counters. */
public interface TransportsMBean {
    long getMessagesReceived();

    long getMessagesMalformed();

    long getRequestsUnserved();

    int getFlows();

    int getTransactions();
}
