package org.tabphone.media.internal;

import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaException;
import org.tabphone.sdp.api.Direction;
import org.tabphone.sdp.api.MediaDescription;
import org.tabphone.sdp.api.SessionDescription;

/**
 * Re-offers within the call's dialogs (RFC 3264 §8): hold and resume (sendonly, inactive, the
 * RFC 2543 {@code c=0.0.0.0}), ICE restarts, and taking a joined party off the hold its transferor
 * left it on. Ports, formats and the DTLS role stay; only direction, addresses and ICE credentials
 * change. Called holding the session's lock.
 */
final class Reoffers {
    private final AnchoredSession session;
    /** The re-offer waiting for the other leg's answer. */
    private SessionDescription pendingReoffer;
    private int pendingReofferAudio;

    Reoffers(AnchoredSession session) {
        this.session = session;
    }

    /** A re-offer from one leg: returns the offer for the other. */
    SessionDescription reoffer(boolean fromCaller, SessionDescription offer) throws MediaException {
        Leg from = fromCaller ? session.caller : session.callee;
        Leg to = fromCaller ? session.callee : session.caller;
        if (from == null || to == null || !session.selected && !fromCaller) {
            throw new MediaException(491, "call not connected yet");
        }
        int audio = SdpShaper.audioIndex(offer).orElseThrow(() -> new MediaException(488, "no audio stream in the re-offer"));
        MediaDescription m = offer.media().get(audio);
        LegNegotiation sdp = session.negotiation;
        if (from.kind == EndpointKind.WEBRTC) {
            MediaDescription before = from.remoteSdp.media().get(SdpShaper.audioIndex(from.remoteSdp).orElse(0));
            if (!m.iceUfrag().equals(before.iceUfrag())) {
                sdp.restartIce(from); // ICE restart: new credentials our side too (RFC 8445 §9)
            }
        }
        from.remoteSdp = offer;
        sdp.takeRemote(from, offer, m);
        Direction direction = LegNegotiation.offeredDirection(offer, m);
        pendingReoffer = offer;
        pendingReofferAudio = audio;
        // toward a browser our a=setup stays the role we have, so the DTLS association is kept (RFC 8829 §5.2.2)
        to.localSdp = sdp.write(to, direction, null, 0);
        return to.localSdp;
    }

    /** The other leg's answer to {@link #reoffer}: returns the answer for the leg that re-offered. */
    SessionDescription reanswer(boolean fromCaller, SessionDescription answer) throws MediaException {
        Leg offerer = fromCaller ? session.caller : session.callee;
        Leg answerer = fromCaller ? session.callee : session.caller;
        if (pendingReoffer == null || offerer == null || answerer == null) {
            throw new MediaException(500, "no re-offer pending");
        }
        int audio = SdpShaper.audioIndex(answer).orElseThrow(() -> new MediaException(488, "re-offer rejected"));
        MediaDescription m = answer.media().get(audio);
        answerer.remoteSdp = answer;
        session.negotiation.takeRemote(answerer, answer, m);
        SessionDescription offer = pendingReoffer;
        pendingReoffer = null;
        offerer.localSdp = session.negotiation.write(offerer, LegNegotiation.offeredDirection(answer, m), offer,
            pendingReofferAudio);
        return offerer.localSdp;
    }

    /** A sendrecv re-offer for a leg the gateway's last SDP held; null when it was not held. */
    SessionDescription resumeOffer(boolean toCaller) {
        Leg to = toCaller ? session.caller : session.callee;
        if (to == null || to.localSdp == null) {
            return null;
        }
        SessionDescription last = to.localSdp;
        if (last.media().get(SdpShaper.audioIndex(last).orElse(0)).direction() == Direction.SENDRECV) {
            return null;
        }
        to.localSdp = session.negotiation.write(to, Direction.SENDRECV, null, 0); // an offer: our a=setup stays the role we have
        return to.localSdp;
    }

    /** The leg's answer to {@link #resumeOffer}: where and whether it receives from now on. */
    void resumeAnswer(boolean toCaller, SessionDescription answer) throws MediaException {
        Leg to = toCaller ? session.caller : session.callee;
        if (to == null) {
            throw new MediaException(500, "no such leg");
        }
        MediaDescription m = LegNegotiation.audioOf(answer, "the resumed leg accepted no audio");
        to.remoteSdp = answer;
        session.negotiation.takeRemote(to, answer, m);
    }
}
