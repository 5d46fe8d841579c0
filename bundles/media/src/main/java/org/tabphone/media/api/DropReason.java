package org.tabphone.media.api;

import java.util.Map;

/**
 * Why the gateway dropped a media packet instead of relaying it (since 0.8.0). The first group is
 * decided where a packet arrives on a leg, the second where it is sent on to the other leg.
 * {@link #key()} is the name the shell and JMX show.
 */
public enum DropReason {
    /** Neither RTP/RTCP, STUN nor DTLS (RFC 7983), RTP on an RTCP port, or STUN/DTLS on a plain RTP leg. */
    NOT_MEDIA("not-media"),
    /** SRTP from or to a browser before its DTLS handshake gave keys. */
    SRTP_NOT_READY("srtp-not-ready"),
    /** SRTP unprotect failed: authentication tag, malformed packet, cipher (RFC 3711 §3.3). */
    SRTP_AUTH("srtp-auth"),
    /** SRTP replay protection: a packet already received or older than the window (RFC 3711 §3.3.2). */
    SRTP_REPLAY("srtp-replay"),
    /** The leg is not connected to another one: before its answer, a superseded early-media branch, a transferor's leg. */
    NOT_CONNECTED("not-connected"),
    /** The leg was released (call ended, branch lost, transferred away): packets that arrive until its port closes. */
    ENDED("ended"),
    /** A payload type the other leg did not accept (CN, RED, a codec outside the answer). */
    UNMAPPED("unmapped-pt"),
    /** Transcoding failed: no codec service for the format, or a payload its decoder refused. */
    TRANSCODE_FAILED("transcode-failed"),
    /** Sending: the other leg's address is not known yet (a browser before its ICE check). */
    NO_REMOTE("no-remote"),
    /** Sending: the other leg said it won't receive (sendonly, inactive, c=0.0.0.0). */
    ON_HOLD("on-hold"),
    /** Sending: the other leg's port is closed or not registered yet. */
    CLOSED("closed"),
    /** Sending: SRTP protect failed toward a browser. */
    SRTP_PROTECT("srtp-protect");

    private final String key;

    DropReason(String key) {
        this.key = key;
    }

    /** The reason's name in the shell and JMX, e.g. {@code not-connected}. */
    public String key() {
        return key;
    }

    /** The counts that are not zero, as the shell and JMX print them: {@code ended 12, on-hold 3}; "" when none. */
    public static String describe(Map<DropReason, Long> counts) {
        StringBuilder b = new StringBuilder();
        for (DropReason r : values()) {
            long n = counts.getOrDefault(r, 0L);
            if (n > 0) {
                b.append(b.length() == 0 ? "" : ", ").append(r.key).append(' ').append(n);
            }
        }
        return b.toString();
    }
}
