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

    /**
     * Each live leg's RTCP, one line per leg: session, call, leg, round trip, the loss (cumulative
     * and last fraction) and jitter the leg reports for the gateway's stream, reports each way,
     * feedback, refused packets and BYE ("-" where the leg has not reported yet).
     */
    String[] getLegRtcp();

    /** The longest RTCP round trip of any live leg in ms, -1 when no leg has one yet. */
    double getWorstRoundTripMillis();

    /** The highest fraction lost (percent, last reporting interval) any live leg reports for the gateway's stream, -1 when none reported. */
    double getWorstRemoteLossPercent();
}
