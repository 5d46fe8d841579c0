package org.tabphone.admin.internal.jmx;

/** {@code org.tabphone:type=Media}: media relay counters. */
public interface MediaMBean {
    int getActiveSessions();

    long getSessionsOpened();

    long getPacketsRelayed();

    long getPacketsDropped();

    long getDtlsFailures();

    int getPortPairsInUse();

    int getPortPairsFree();

    /** Binding requests the gateway's STUN server answered. */
    long getStunRequestsAnswered();
}
