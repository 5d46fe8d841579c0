package org.tabphone.media.internal;

import org.tabphone.media.api.TapSide;
import org.tabphone.media.internal.tap.SessionTap;

/**
 * Connects the session's anchor leg (the caller's) with a callee leg: routes both ways, payload
 * types mapped or transcoded as the codec plan's bridge says; the call's tap, offered to the
 * taps when media first connects; and the gateway's own RTCP toward both. Called holding the
 * session's lock.
 */
final class LegBridge {
    private final AnchoredSession session;
    /** The call's tap, offered to the taps when media first connects; null when none took it. */
    private SessionTap tap;
    private boolean tapOffered;

    LegBridge(AnchoredSession session) {
        this.session = session;
    }

    /** Routes both ways between the caller and {@code leg}. */
    void connect(Leg leg, CodecPlan.Bridge b) {
        Leg caller = session.caller;
        CodecRegistry codecs = session.ctx.codecs();
        Route toCallee = new Route(leg, b.offererSide(), b.offererDtmf(), b.answererSide(), b.answererDtmf(),
            b.transcode(), codecs);
        Route toCaller = new Route(caller, b.answererSide(), b.answererDtmf(), b.offererSide(), b.offererDtmf(),
            b.transcode(), codecs);
        leg.format = b.answererSide();
        caller.format = b.offererSide();
        leg.transcoding = b.transcode();
        caller.transcoding = b.transcode();
        caller.route = toCallee;
        leg.route = toCaller;
        Leg callee = session.callee;
        if (callee != null && callee != leg) {
            callee.route = null; // the earlier early-media branch no longer feeds the caller
        }
        tap(caller, leg);
        // both legs now carry a stream the gateway sources: each gets the gateway's own reports
        caller.reporter.start();
        leg.reporter.start();
        // what either sent before this (a callee talking right after its 200) goes on now
        LegHandler.connected(leg);
        LegHandler.connected(caller);
    }

    /**
     * Media connects: the taps are offered the call (once), and the connected legs feed its tap. A
     * party keeps its side for the whole call; a leg joining takes the side its peer doesn't have —
     * a caller's transfer target the caller's side, though the callee that stays is now our anchor.
     */
    private void tap(Leg caller, Leg calleeLeg) {
        if (!tapOffered) {
            tapOffered = true;
            tap = session.ctx.taps().attach(session.identity);
        }
        if (tap != null) {
            TapSide anchor = caller.tapSide != null ? caller.tapSide : TapSide.CALLER;
            feedTap(caller, anchor);
            feedTap(calleeLeg, anchor == TapSide.CALLER ? TapSide.CALLEE : TapSide.CALLER);
        }
    }

    /** The side before the tap: the packet path reads tap, then tapSide. */
    private void feedTap(Leg leg, TapSide side) {
        leg.tapSide = side;
        leg.tap = tap;
    }

    /** A leg leaves for another session: our tap records our call, the other session's tap takes the leg if it has one. */
    static void untap(Leg leg) {
        leg.tap = null;
        leg.tapSide = null;
    }

    /** The session ends: the tap thread finishes the sinks (files) off this thread. */
    void closeTap() {
        if (tap != null) {
            tap.close();
        }
    }
}
