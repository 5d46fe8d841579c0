package org.tabphone.call.internal.b2bua;

import java.net.InetSocketAddress;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.media.api.CallIdentity;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaException;
import org.tabphone.media.api.MediaService;
import org.tabphone.media.api.MediaSession;
import org.tabphone.media.api.MediaSessionInfo;
import org.tabphone.call.api.CallEvent;
import org.tabphone.registrar.api.Binding;
import org.tabphone.sdp.api.SdpParseException;
import org.tabphone.sdp.api.SessionDescription;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.TransportKind;

/**
 * A call's SDP as the B2BUA handles it: anchored through the media service (each leg gets the
 * SDP shaped for it), or — with no media service installed, or a late offer (INVITE without
 * SDP) — passed through unchanged, the way the gateway worked before media anchoring.
 */
final class CallMedia {
    private static final Logger LOG = LoggerFactory.getLogger(CallMedia.class);
    private static final CallMedia PASS_THROUGH = new CallMedia(null, false);
    /** The placeholder callee's branch in a transient session ({@link #replaceCallee}). */
    private static final String PLACEHOLDER = "placeholder";

    private final MediaSession session;
    /** A view of the call's session for a caller's transfer: its branches are targets that replace the caller. */
    private final boolean replacesCaller;

    private CallMedia(MediaSession session, boolean replacesCaller) {
        this.session = session;
        this.replacesCaller = replacesCaller;
    }

    static CallMedia none() {
        return PASS_THROUGH;
    }

    /**
     * Anchors the call when there's a media service and the INVITE has an SDP offer. The media
     * session learns whose call it is (tenant, caller, callee): media taps decide on that.
     */
    static CallMedia open(MediaService service, CallIdentity call, SipMessage invite, SipPath callerPath)
        throws MediaException {
        if (service == null || !isSdp(invite)) {
            return PASS_THROUGH;
        }
        return new CallMedia(service.open(call, sdp(invite), peerOf(callerPath)), false);
    }

    /**
     * For a caller's transfer: offers to the targets are made from the callee's side of this
     * call's session, and the target that answers replaces the caller ({@link #select}) while the
     * callee keeps its leg — no re-INVITE, so a browser callee keeps its DTLS association.
     * Passed-through media has no such view (the callee is re-INVITEd with the target's SDP).
     */
    CallMedia replacingCaller() {
        return session == null ? PASS_THROUGH : new CallMedia(session, true);
    }

    boolean replacesCaller() {
        return replacesCaller;
    }

    boolean anchored() {
        return session != null;
    }

    /** The body of the INVITE toward one callee contact. */
    byte[] offerFor(String branch, Binding target, byte[] callerBody) throws MediaException {
        if (session == null) {
            return callerBody;
        }
        EndpointKind kind = target.transport() == TransportKind.WS || target.transport() == TransportKind.WSS
            ? EndpointKind.WEBRTC : EndpointKind.RTP;
        return (replacesCaller ? session.offerToReplaceCaller(branch, kind, target.source())
            : session.offerTo(branch, kind, target.source())).toBytes();
    }

    /** The body of the INVITE toward a plain RTP/AVP peer at {@code peer}: a trunk's provider, an endpoint by URI. */
    byte[] offerForRtpPeer(String branch, InetSocketAddress peer, byte[] callerBody) throws MediaException {
        if (session == null) {
            return callerBody;
        }
        return (replacesCaller ? session.offerToReplaceCaller(branch, EndpointKind.RTP, peer)
            : session.offerTo(branch, EndpointKind.RTP, peer)).toBytes();
    }

    /**
     * The body for the caller from a callee's 183/200 (its SDP answer); for a target replacing the
     * caller, null: the callee's SDP stays as it is.
     */
    byte[] answerFrom(String branch, SipMessage response) throws MediaException {
        if (session == null) {
            return response.body();
        }
        if (!isSdp(response)) {
            throw new MediaException(488, "callee answered without SDP");
        }
        if (replacesCaller) {
            session.answerToReplaceCaller(branch, sdp(response));
            return null;
        }
        return session.answerFrom(branch, sdp(response)).toBytes();
    }

    /** The branch that won; for a target replacing the caller, the swap (the caller's leg goes). */
    void select(String branch) {
        if (session == null) {
            return;
        }
        if (replacesCaller) {
            session.replaceCaller(branch);
        } else {
            session.select(branch);
        }
    }

    /**
     * Attended transfer: this call's {@code stays} party and {@code other}'s {@code joins} party
     * are joined in this session, each keeping its leg (no re-INVITE); ours becomes the caller,
     * theirs the callee {@code branch}, and the transferor's legs go. Both must be anchored.
     */
    void join(MediaSession.Party stays, CallMedia other, MediaSession.Party joins, String branch) throws MediaException {
        if (session == null || other.session == null) {
            throw new MediaException(488, "media passed through");
        }
        session.joinPartyOf(stays, other.session, joins, branch);
    }

    /**
     * An INVITE with Replaces naming the callee's leg (RFC 3891 §3): the new party, whose offer
     * {@code invite} carries, joins this session as callee {@code branch}, bridged to the caller,
     * whose leg stays as it is (port, ICE, DTLS: a browser caller needs no re-INVITE); the replaced
     * callee's leg is released. Returns the answer for the new party. On a MediaException nothing
     * has changed here.
     */
    byte[] replaceCallee(MediaService service, CallIdentity transientCall, SipMessage invite, SipPath path, String branch)
        throws MediaException {
        NewParty party = answerNewParty(service, transientCall, invite, path, report(null).callerCodec());
        try {
            session.joinPartyOf(MediaSession.Party.CALLER, party.transientSession(), MediaSession.Party.CALLER, branch);
            return party.answer().toBytes();
        } finally {
            party.transientSession().close(); // after the join only the placeholder's leg is left in it
        }
    }

    /**
     * Directed call pickup (RFC 3891 §3, an INVITE with Replaces naming a ringing branch's early
     * dialog): the caller is answered — in the codec both offered, so nothing is transcoded — and
     * the new party's leg joins this session as callee {@code branch}; the ringing branches' legs
     * are released. Returns {answer for the caller, answer for the new party}. {@link
     * PickupRefused} means nothing has changed; a MediaException comes after the ringing branches'
     * legs were released, and the call can't go on ringing.
     */
    byte[][] pickUp(MediaService service, CallIdentity transientCall, SipMessage invite, SipPath path,
                    SipMessage callerInvite, String branch) throws PickupRefused, MediaException {
        SessionDescription callerOffer;
        NewParty party;
        try {
            if (!isSdp(callerInvite)) {
                throw new MediaException(488, "the caller made no offer: nothing to answer it with");
            }
            callerOffer = sdp(callerInvite);
            party = answerNewParty(service, transientCall, invite, path, PlaceholderAnswer.firstShared(callerOffer,
                isSdp(invite) ? sdp(invite) : null));
        } catch (MediaException e) {
            throw new PickupRefused(e);
        }
        try {
            SessionDescription forCaller;
            try {
                forCaller = PlaceholderAnswer.answering(callerOffer, party.codec());
            } catch (MediaException e) {
                throw new PickupRefused(e);
            }
            session.offerTo(PLACEHOLDER, EndpointKind.RTP, null);
            SessionDescription callerAnswer = session.answerFrom(PLACEHOLDER, forCaller);
            session.select(PLACEHOLDER); // the ringing branches' legs go
            session.joinPartyOf(MediaSession.Party.CALLER, party.transientSession(), MediaSession.Party.CALLER, branch);
            return new byte[][] {callerAnswer.toBytes(), party.answer().toBytes()};
        } finally {
            party.transientSession().close();
        }
    }

    /** {@link #pickUp} failed before it changed anything: {@link #refusal} says why. */
    static final class PickupRefused extends Exception {
        private final MediaException refusal;

        PickupRefused(MediaException refusal) {
            super(refusal.getMessage(), refusal, false, false);
            this.refusal = refusal;
        }

        MediaException refusal() {
            return refusal;
        }
    }

    /**
     * The new party of a callee replacement or a pickup, answered: the media API answers an offer
     * only on a session's caller leg, so the offer opens a transient session ({@code
     * transientCall}: on the thread of the call's parties, so it can be joined) whose callee is a
     * placeholder ({@link PlaceholderAnswer}: in {@code preferredCodec} when offered); its caller
     * leg — the new party's, with ICE, DTLS and the answer it gets — is then joined into this
     * session in place ({@link MediaSession#joinPartyOf}), and the transient session closed.
     */
    private NewParty answerNewParty(MediaService service, CallIdentity transientCall, SipMessage invite, SipPath path,
                                    String preferredCodec) throws MediaException {
        if (session == null || service == null) {
            throw new MediaException(500, "media passed through");
        }
        if (!isSdp(invite)) {
            throw new MediaException(488, "an INVITE with Replaces must offer SDP here");
        }
        SessionDescription offer = sdp(invite);
        SessionDescription placeholderAnswer = PlaceholderAnswer.answering(offer, preferredCodec);
        MediaSession transientSession = service.open(transientCall, offer, peerOf(path));
        try {
            transientSession.offerTo(PLACEHOLDER, EndpointKind.RTP, null);
            SessionDescription answer = transientSession.answerFrom(PLACEHOLDER, placeholderAnswer);
            transientSession.select(PLACEHOLDER);
            return new NewParty(transientSession, answer, PlaceholderAnswer.codecOf(placeholderAnswer));
        } catch (MediaException | RuntimeException e) {
            transientSession.close();
            throw e;
        }
    }

    /** {@code codec}: the one its answer has ({@code PCMU/8000}). */
    private record NewParty(MediaSession transientSession, SessionDescription answer, String codec) {
    }

    /**
     * After a join: the body of a re-INVITE that takes the caller's ({@code toCaller}) or callee's
     * leg off the transferor's hold (sendrecv, same ICE and DTLS), or null when it was not held.
     */
    byte[] resumeOffer(boolean toCaller) throws MediaException {
        if (session == null) {
            return null;
        }
        SessionDescription offer = session.resumeOffer(toCaller);
        return offer == null ? null : offer.toBytes();
    }

    /** The answer to {@link #resumeOffer}. */
    void resumeAnswer(boolean toCaller, SipMessage response) throws MediaException {
        if (session != null && isSdp(response)) {
            session.resumeAnswer(toCaller, sdp(response));
        }
    }

    /** {@code listener} hears the silent leg's role when the answered call's RTP stops (no-op when passed through). */
    void onTimeout(java.util.function.Consumer<String> listener) {
        if (session != null) {
            session.onTimeout(listener);
        }
    }

    /** A re-INVITE/UPDATE offer from one leg: the body for the other. */
    byte[] reoffer(boolean fromCaller, SipMessage request) throws MediaException {
        if (session == null || !isSdp(request)) {
            return request.body();
        }
        return session.reoffer(fromCaller, sdp(request)).toBytes();
    }

    /** The other leg's answer to a relayed re-offer: the body for the leg that re-offered. */
    byte[] reanswer(boolean fromCaller, SipMessage response) throws MediaException {
        if (session == null || !isSdp(response)) {
            return response.body();
        }
        return session.reanswer(fromCaller, sdp(response)).toBytes();
    }

    /** Codec and receive counters of the caller's leg and of callee branch {@code calleeBranch} (null: none answered). */
    MediaReport report(String calleeBranch) {
        if (session == null) {
            return MediaReport.NONE;
        }
        MediaSessionInfo info = session.info();
        return new MediaReport(leg(info, "caller"), calleeBranch == null ? null : leg(info, "callee:" + calleeBranch));
    }

    private static MediaSessionInfo.LegInfo leg(MediaSessionInfo info, String role) {
        return info.legs().stream().filter(l -> l.role().equals(role)).findFirst().orElse(null);
    }

    /** What the call's records say about media: each leg's codec and what it sent us. */
    record MediaReport(MediaSessionInfo.LegInfo caller, MediaSessionInfo.LegInfo callee) {
        static final MediaReport NONE = new MediaReport(null, null);

        String callerCodec() {
            return caller == null ? "" : caller.codec();
        }

        String calleeCodec() {
            return callee == null ? "" : callee.codec();
        }

        CallEvent.RtpCounters callerRtp() {
            return counters(caller);
        }

        CallEvent.RtpCounters calleeRtp() {
            return counters(callee);
        }

        private static CallEvent.RtpCounters counters(MediaSessionInfo.LegInfo l) {
            return l == null ? CallEvent.RtpCounters.NONE
                : new CallEvent.RtpCounters(l.packetsIn(), l.packetsLost(), l.jitterMillis(), l.rtcp().roundTripMillis(),
                    l.rtcp().remoteLost());
        }
    }

    /** Ends the session; a caller's-transfer view only lets go of the targets' legs (the call goes on). */
    void close() {
        if (session == null) {
            return;
        }
        if (replacesCaller) {
            session.dropTransferTargets();
        } else {
            session.close();
        }
    }

    static boolean isSdp(SipMessage m) {
        return m.bodyLength() > 0
            && m.contentType().map(t -> t.toLowerCase(Locale.ROOT).startsWith("application/sdp")).orElse(false);
    }

    private static SessionDescription sdp(SipMessage m) throws MediaException {
        try {
            return SessionDescription.parse(m.body());
        } catch (SdpParseException e) {
            LOG.debug("unreadable SDP: {}", e.getMessage());
            throw new MediaException(400, "Bad SDP: " + e.getMessage());
        }
    }

    private static InetSocketAddress peerOf(SipPath path) {
        return path instanceof Flow f ? f.remote() : null;
    }
}
