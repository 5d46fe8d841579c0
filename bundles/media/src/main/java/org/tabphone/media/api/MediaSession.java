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

    /** A party of a session: the caller's leg, or the selected callee's (since 0.7.0). */
    enum Party { CALLER, CALLEE }

    /**
     * Attended transfer between two calls (0.6.0 joined only the other's callee; since 0.7.0 any
     * party, so the transferor may have been the caller or the callee of either call): this
     * session's {@code stays} party and {@code other}'s {@code joins} party — another session of
     * this service — end up talking in this session. Both keep their legs as they are — port,
     * ICE, DTLS association, SRTP contexts and the SSRC, sequence and timestamps the gateway sends
     * them — so neither needs a re-INVITE (a browser can't move its DTLS). Our staying leg is (or
     * becomes) the caller ({@code caller}); the joined leg becomes {@code callee:<branch>}; our
     * other leg (the transferor's) is released; {@code other} keeps only its other leg (the
     * transferor's there) as its caller's, which goes when it is closed.
     *
     * @throws MediaException 488 when the two can't be joined in place (not sessions of this
     *         service on the same media thread, codecs that don't bridge), 491 when either call is
     *         not connected; nothing has changed then, and the parties may be moved by re-INVITEs
     */
    void joinPartyOf(Party stays, MediaSession other, Party joins, String branch) throws MediaException;

    /**
     * After {@link #joinPartyOf} (since 0.6.0): a re-offer for the caller's ({@code toCaller}) or
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
