package org.tabphone.admin.internal.jmx;

import java.util.Map;

import javax.management.openmbean.TabularData;

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

    /**
     * Dropped packets since start by reason, every reason with zeros, in this order: not-media,
     * srtp-not-ready, srtp-auth, srtp-replay, not-connected, ended, unmapped-pt, transcode-failed,
     * no-remote, on-hold, closed, srtp-protect; their sum is {@link #getPacketsDropped()}.
     */
    Map<String, Long> getPacketsDroppedByReason();

    /**
     * Every live leg, one row each as {@code tabphone:media} lists it: session, call, leg (caller or
     * callee:&lt;branch&gt;), kind, port, remote, codec, transcoding, dtls, packetsIn, packetsOut,
     * lost, jitterMillis, dropped and dropReasons. Rows are keyed by session and port.
     */
    TabularData getLegs();
}
