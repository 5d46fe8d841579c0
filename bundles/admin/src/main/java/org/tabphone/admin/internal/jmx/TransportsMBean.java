package org.tabphone.admin.internal.jmx;

/** {@code org.tabphone:type=Transports}: SIP traffic counters. */
public interface TransportsMBean {
    long getMessagesReceived();

    long getMessagesMalformed();

    long getRequestsUnserved();

    /** STUN Binding requests answered on SIP UDP ports (RFC 5626 keep-alives). */
    long getStunKeepAlivesAnswered();

    /** Connections accepted on TCP, TLS, WS and WSS listeners, open now. */
    int getConnections();

    /** Connections closed at once for max.connections or a per-address cap. */
    long getConnectionsRefused();

    /** Datagrams dropped because they came from a new UDP peer while udp.max.flows were known. */
    long getUdpPeersRefused();

    int getFlows();

    int getTransactions();
}
