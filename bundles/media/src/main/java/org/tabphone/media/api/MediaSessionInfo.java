package org.tabphone.media.api;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
     * @param packetsDropped packets dropped on this leg: those it sent us that went nowhere, and those
     *                  for it that could not be sent; the sum of {@code drops}
     * @param rtcp      the RTCP the gateway exchanged with this leg (since 0.4.0)
     * @param drops     this leg's dropped packets per reason, only the reasons that occurred (since 0.8.0)
     */
    public record LegInfo(String role, EndpointKind kind, int localPort, String remote, String codec, String dtls,
                          boolean transcoding, long packetsIn, long bytesIn, long packetsOut, long bytesOut,
                          long packetsLost, long packetsDropped, double jitterMillis, RtcpInfo rtcp,
                          Map<DropReason, Long> drops) {

        public LegInfo {
            drops = Collections.unmodifiableMap(drops.isEmpty() ? new EnumMap<>(DropReason.class) : new EnumMap<>(drops));
        }

        /** A leg without the reasons of its drops (as before 0.8.0). */
        public LegInfo(String role, EndpointKind kind, int localPort, String remote, String codec, String dtls,
                       boolean transcoding, long packetsIn, long bytesIn, long packetsOut, long bytesOut,
                       long packetsLost, long packetsDropped, double jitterMillis, RtcpInfo rtcp) {
            this(role, kind, localPort, remote, codec, dtls, transcoding, packetsIn, bytesIn, packetsOut, bytesOut,
                packetsLost, packetsDropped, jitterMillis, rtcp, Map.of());
        }

        /** A leg without RTCP figures (as before 0.4.0). */
        public LegInfo(String role, EndpointKind kind, int localPort, String remote, String codec, String dtls,
                       boolean transcoding, long packetsIn, long bytesIn, long packetsOut, long bytesOut,
                       long packetsLost, long packetsDropped, double jitterMillis) {
            this(role, kind, localPort, remote, codec, dtls, transcoding, packetsIn, bytesIn, packetsOut, bytesOut,
                packetsLost, packetsDropped, jitterMillis, RtcpInfo.NONE);
        }
    }

    /**
     * The gateway terminates RTCP per leg (it rewrites SSRCs and numbering, so it reports as the
     * source of what it sends): what it sent the leg, what the leg reported about the stream it gets
     * from the gateway — the loss and jitter on the path toward the leg, which only the leg can see —
     * and the round trip from the leg's report blocks echoing our sender reports.
     *
     * @param sent               compound RTCP packets (SR or RR + SDES, the last one with a BYE) sent to the leg
     * @param received           valid compound RTCP packets read from the leg
     * @param remoteLost         cumulative packets lost the leg reports for our stream, -1 before its first report
     * @param remoteJitterMillis interarrival jitter the leg reports for our stream in ms, -1 before its first report
     * @param roundTripMillis    round trip gateway–leg in ms (RFC 3550 §6.4.1 A − LSR − DLSR), -1 until known
     * @param remoteFractionLost fraction of our packets lost in the leg's last reporting interval, 0..1, -1
     *                           before its first report (since 0.5.0)
     * @param feedbackReceived   RFC 4585 feedback packets (RTPFB: NACK, transport-cc; PSFB: PLI, REMB …) the leg
     *                           sent; terminated by the gateway, never forwarded (since 0.5.0)
     * @param otherReceived      XR (RFC 3611), APP and unknown packets the leg sent, likewise (since 0.5.0)
     * @param refused            RTCP from the leg that failed SRTCP or the compound checks (since 0.5.0)
     * @param byeSent            the gateway sent the leg its BYE (the leg was released) (since 0.5.0)
     * @param byeReceived        the leg sent a BYE (RFC 3550 §6.6) (since 0.5.0)
     */
    public record RtcpInfo(long sent, long received, long remoteLost, double remoteJitterMillis,
                           double roundTripMillis, double remoteFractionLost, long feedbackReceived,
                           long otherReceived, long refused, boolean byeSent, boolean byeReceived) {
        public static final RtcpInfo NONE = new RtcpInfo(0, 0, -1, -1, -1);

        /** The figures of 0.4.0. */
        public RtcpInfo(long sent, long received, long remoteLost, double remoteJitterMillis,
                        double roundTripMillis) {
            this(sent, received, remoteLost, remoteJitterMillis, roundTripMillis, -1, 0, 0, 0, false, false);
        }
    }
}
