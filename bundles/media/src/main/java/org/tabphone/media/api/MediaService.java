package org.tabphone.media.api;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;
import org.tabphone.sdp.api.SessionDescription;

/** Anchors calls' media in the gateway. Thread-safe; never blocks (binds are non-blocking socket calls). */
@ProviderType
public interface MediaService {

    /**
     * Opens a session for a call from the caller's offer. The caller's kind is read from the
     * offer (ICE + fingerprint + SAVPF = {@link EndpointKind#WEBRTC}).
     *
     * @param call       the call's id, for logs and the shell
     * @param offer      the caller's SDP offer
     * @param callerPeer where the caller's signalling comes from (picks the local address it can reach)
     */
    default MediaSession open(String call, SessionDescription offer, InetSocketAddress callerPeer) throws MediaException {
        return open(CallIdentity.of(call), offer, callerPeer);
    }

    /**
     * Opens a session for a call whose parties are known: {@link MediaTap}s decide on them (since 0.5.0).
     *
     * @param call       the call's id, tenant, caller and callee
     * @param offer      the caller's SDP offer
     * @param callerPeer where the caller's signalling comes from (picks the local address it can reach)
     */
    MediaSession open(CallIdentity call, SessionDescription offer, InetSocketAddress callerPeer) throws MediaException;

    /** Live sessions, for the shell and JMX. */
    List<MediaSessionInfo> sessions();

    /** Totals since start. */
    MediaCounters counters();

    /**
     * @param packetsRelayed       RTP packets sent on to the other leg
     * @param packetsDropped       RTP (and stray) packets dropped instead: the sum of {@code droppedByReason}
     * @param stunRequestsAnswered binding requests the gateway's STUN server answered (not ICE checks on media ports)
     * @param droppedByReason      dropped packets per reason, every reason in declaration order (since 0.8.0)
     */
    record MediaCounters(int activeSessions, long sessionsOpened, long packetsRelayed, long packetsDropped,
                         long dtlsFailures, int portsInUse, int portsFree, long stunRequestsAnswered,
                         Map<DropReason, Long> droppedByReason) {
        public MediaCounters {
            droppedByReason = Collections.unmodifiableMap(droppedByReason.isEmpty()
                ? new EnumMap<>(DropReason.class) : new EnumMap<>(droppedByReason));
        }

        /** The counters of 0.7.0, without the reasons. */
        public MediaCounters(int activeSessions, long sessionsOpened, long packetsRelayed, long packetsDropped,
                             long dtlsFailures, int portsInUse, int portsFree, long stunRequestsAnswered) {
            this(activeSessions, sessionsOpened, packetsRelayed, packetsDropped, dtlsFailures, portsInUse, portsFree,
                stunRequestsAnswered, Map.of());
        }
    }
}
