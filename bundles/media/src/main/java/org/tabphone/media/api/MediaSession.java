package org.tabphone.media.api;

import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ProviderType;
import org.tabphone.sdp.api.SessionDescription;

/**
 * One call's anchored media: the caller's leg and one leg per callee branch until one answers.
 * Methods may be called from any thread; the packet path runs on one media event loop per session.
 */
@ProviderType
public interface MediaSession {

    String id();

    /**
     * The offer to send to one callee branch.
     *
     * @param branch     the branch's key (unique within the call)
     * @param kind       what the callee speaks (browsers registered over WS/WSS: WEBRTC)
     * @param calleePeer where the callee's signalling goes (picks the local address it can reach)
     */
    SessionDescription offerTo(String branch, EndpointKind kind, InetSocketAddress calleePeer) throws MediaException;

    /**
     * A branch's answer (in a 183 or the 200; again is fine, a retransmission changes nothing and
     * never restarts DTLS). Returns the answer for the caller.
     */
    SessionDescription answerFrom(String branch, SessionDescription answer) throws MediaException;

    /** The branch that won: media now flows between the caller and it; the other branches are released. */
    void select(String branch);

    /**
     * A caller's transfer (the caller's leg referred): the offer to a transfer target that is to
     * replace the caller, made from what the answered callee already gets, so the callee's SDP
     * never changes. Media keeps flowing between caller and callee until {@link #replaceCaller}.
     */
    SessionDescription offerToReplaceCaller(String branch, EndpointKind kind, InetSocketAddress peer) throws MediaException;

    /** The transfer target's answer to {@link #offerToReplaceCaller}; nothing changes for the callee. */
    void answerToReplaceCaller(String branch, SessionDescription answer) throws MediaException;

    /**
     * The target that answered replaces the caller: the callee keeps its leg (ports, ICE, DTLS — a
     * browser callee needs no re-INVITE) and is bridged to the target, which becomes the callee
     * ({@code callee:<branch>}); the callee's leg becomes the caller's ({@code caller}); the caller's
     * old leg and the other targets are released.
     */
    void replaceCaller(String branch);

    /** Releases the legs offered to transfer targets (the transfer failed); the call goes on. */
    void dropTransferTargets();

    /**
     * Attended transfer between two calls (since 0.6.0): the answered callee of {@code other},
     * another session of this service, takes the place of this session's caller. It keeps its leg
     * as it is — port, ICE, DTLS association, SRTP contexts and the SSRC, sequence and timestamps
     * the gateway sends it — so neither party needs a re-INVITE (a browser can't move its DTLS).
     * This session's callee keeps its leg too and becomes the caller ({@code caller}); the joined
     * leg becomes {@code callee:<branch>}; this session's old caller leg is released; {@code other}
     * keeps only its caller's leg, which goes when it is closed.
     *
     * @throws MediaException 488 when the two can't be joined in place (not sessions of this
     *         service on the same media thread, codecs that don't bridge), 491 when either call is
     *         not connected; nothing has changed then, and the parties may be moved by re-INVITEs
     */
    void joinCalleeOf(MediaSession other, String branch) throws MediaException;

    /**
     * After {@link #joinCalleeOf} (since 0.6.0): a re-offer for the caller's ({@code toCaller}) or
     * the callee's leg when the gateway's last SDP to it was not sendrecv — the transferor had put
     * that party on hold, and it is no longer there to take it off. The offer is sendrecv on the
     * same port, ICE credentials and DTLS role (a browser keeps its association); the party's
     * answer says what it wants now. Null when the leg was not held.
     */
    SessionDescription resumeOffer(boolean toCaller) throws MediaException;

    /** The leg's answer to {@link #resumeOffer}: where and whether it receives from now on. */
    void resumeAnswer(boolean toCaller, SessionDescription answer) throws MediaException;

    /**
     * A re-offer in the dialog (hold, unhold, ICE restart) from the caller ({@code fromCaller}) or
     * the selected callee: returns the offer for the other leg.
     */
    SessionDescription reoffer(boolean fromCaller, SessionDescription offer) throws MediaException;

    /** The other leg's answer to a {@link #reoffer}: returns the answer for the leg that re-offered. */
    SessionDescription reanswer(boolean fromCaller, SessionDescription answer) throws MediaException;

    MediaSessionInfo info();

    /**
     * Told once, on a media service thread, when an answered call's leg has sent no RTP for the
     * configured RTP timeout while neither side is on hold (a peer that vanished without a BYE).
     * The argument is the silent leg's role ({@code caller} or {@code callee}).
     */
    void onTimeout(java.util.function.Consumer<String> listener);

    /** Releases the ports and ends DTLS; idempotent. */
    void close();
}
