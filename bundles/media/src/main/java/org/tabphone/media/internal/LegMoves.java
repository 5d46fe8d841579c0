package org.tabphone.media.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaException;
import org.tabphone.media.api.MediaSession.Party;
import org.tabphone.sdp.api.Direction;
import org.tabphone.sdp.api.MediaDescription;
import org.tabphone.sdp.api.SessionDescription;

/**
 * Transfers move legs, never media state: a caller's transfer target replaces the caller (the
 * callee's leg stays and anchors the session), and an attended transfer joins a party of another
 * session in place. Whoever stays keeps its leg — port, ICE, DTLS, SRTP, the stream the gateway
 * sends it — so it needs no new SDP. Called holding the session's lock (both sessions' for a join).
 */
final class LegMoves {
    private static final Logger LOG = LoggerFactory.getLogger(LegMoves.class);

    private final AnchoredSession session;
    /** A caller's transfer: targets offered from the callee's side, until one replaces the caller. */
    final Map<String, Leg> targets = new LinkedHashMap<>();

    LegMoves(AnchoredSession session) {
        this.session = session;
    }

    /** The offer to a caller's transfer target, from what the callee already gets: its SDP stays. */
    SessionDescription offerToReplaceCaller(String branch, EndpointKind kind, InetSocketAddress peer)
        throws MediaException {
        Leg callee = session.callee;
        if (!session.selected || callee == null || callee.localFormats.isEmpty()) {
            throw new MediaException(491, "call not connected yet");
        }
        SessionDescription calleeSdp = callee.remoteSdp;
        Direction direction = calleeSdp.media().get(SdpShaper.audioIndex(calleeSdp).orElse(0)).direction();
        return session.negotiation.offer(targets, branch, kind, peer, callee.localFormats, direction);
    }

    /** The target's answer: how it will bridge to the callee, kept until it replaces the caller. */
    void answerToReplaceCaller(String branch, SessionDescription answer) throws MediaException {
        Leg leg = targets.get(branch);
        Leg callee = session.callee;
        if (leg == null || callee == null) {
            throw new MediaException(500, "no media offered to transfer target " + branch);
        }
        MediaDescription m = LegNegotiation.audioOf(answer, "transfer target accepted no audio");
        leg.pendingBridge = session.negotiation.takeAnswer(leg, answer, m, callee.localFormats,
            "transfer target answered with a codec the callee can't get");
    }

    /**
     * The target that answered replaces the caller: the callee's leg becomes the one the session is
     * anchored on — same ports, ICE and DTLS association, so a browser callee needs no new SDP — and
     * is bridged to the target; the caller's leg and the other targets are released.
     */
    void replaceCaller(String branch) {
        Leg target = targets.remove(branch);
        Leg callee = session.callee;
        if (target == null || session.closed || callee == null || target.pendingBridge == null) {
            if (target != null) {
                session.ports.release(target);
            }
            return;
        }
        CodecPlan.Bridge bridge = target.pendingBridge;
        target.pendingBridge = null;
        staysWith(callee, target, bridge, branch); // our callee stays and becomes the caller
    }

    /** Holding both locks: {@code from}'s {@code joins} leg replaces our other one, our {@code stays} leg is the caller. */
    void join(Party stays, AnchoredSession from, Party joins, String branch) throws MediaException {
        if (!session.selected || session.callee == null || !from.selected || from.callee == null) {
            throw new MediaException(491, "call not connected yet");
        }
        Leg staying = stays == Party.CALLER ? session.caller : session.callee;
        Leg joining = joins == Party.CALLER ? from.caller : from.callee;
        CodecPlan.Bridge bridge = CodecPlan.bridge(staying.localFormats, joining.localFormats,
                session.negotiation::transcodable)
            .orElseThrow(() -> new MediaException(488, "the two calls' codecs don't bridge"));
        from.moves.giveAway(joining);
        joining.role = "callee:" + branch;
        staysWith(staying, joining, bridge, branch);
        LOG.debug("media {}: our {} joined by the {} of {} as {}", session.id(), stays, joins, from.id(), joining.role);
    }

    /**
     * {@code leg}, our caller's or callee's, now belongs to another session; we keep only the
     * other one, as the caller's (it goes when we are closed).
     */
    private void giveAway(Leg leg) {
        Leg keeps = leg == session.caller ? session.callee : session.caller;
        session.branches.values().removeIf(l -> l == leg || l == keeps);
        if (keeps != session.caller) {
            keeps.role = "caller";
            session.caller = keeps;
        }
        session.callee = null;
        keeps.route = null;
        leg.route = null;
        LegBridge.untap(leg);
    }

    /**
     * {@code stays} — our caller or our callee — keeps its leg and is (or becomes) the caller;
     * {@code newCallee} takes the other leg's place, bridged to it ({@code bridge}: the staying
     * leg's formats as the offerer's). The leg that goes, the other branches and any transfer
     * targets are released, after the new routes are in place (packets never meet a closed leg).
     */
    private void staysWith(Leg stays, Leg newCallee, CodecPlan.Bridge bridge, String branch) {
        dropTransferTargets();
        Leg old = stays == session.caller ? session.callee : session.caller;
        List<Leg> gone = new ArrayList<>(session.branches.values());
        gone.remove(stays);
        if (old != null && !gone.contains(old)) {
            gone.add(old);
        }
        session.branches.clear();
        if (stays != session.caller) {
            session.anchorOn(stays);
        }
        if (old != null) {
            old.route = null;
        }
        session.callee = null;
        session.bridge.connect(newCallee, bridge);
        session.callee = newCallee;
        session.branches.put(branch, newCallee);
        session.timeout.restart();
        gone.forEach(session.ports::release);
    }

    /** The transfer failed (or is over): the targets' legs go. */
    void dropTransferTargets() {
        targets.values().forEach(session.ports::release);
        targets.clear();
    }
}
