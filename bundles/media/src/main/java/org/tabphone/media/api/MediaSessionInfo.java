package org.tabphone.media.api;

import java.util.List;

/** A live session as the shell and JMX see it. */
public record MediaSessionInfo(String id, String call, List<LegInfo> legs) {

    /**
     * One leg.
     *
     * @param role      "caller" or "callee:&lt;branch&gt;"
     * @param localPort our media port for this leg
     * @param remote    where its media comes from / goes to ("" until known)
     * @param codec     the codec on this leg's wire, e.g. "PCMU/8000" ("" until negotiated)
     * @param dtls      DTLS state for WebRTC legs ("" for RTP legs)
     * @param transcoding true when packets to this leg are transcoded, not forwarded
     * @param jitterMillis interarrival jitter of what this leg sends us (RFC 3550 §6.4.1), in ms
     */
    public record LegInfo(String role, EndpointKind kind, int localPort, String remote, String codec, String dtls,
                          boolean transcoding, long packetsIn, long bytesIn, long packetsOut, long bytesOut,
                          long packetsLost, long packetsDropped, double jitterMillis) {
    }
}
