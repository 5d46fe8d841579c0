package org.tabphone.media.internal;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTP timeout of one answered call: a leg silent for the configured time while neither side
 * is on hold means a peer that vanished without a BYE; the listener is told once. A hold pauses
 * the countdown, which starts again when it ends (and when the call connects or a transfer moves
 * its legs). State guarded by the session's lock.
 */
final class RtpTimeout {
    private static final Logger LOG = LoggerFactory.getLogger(RtpTimeout.class);

    private final AnchoredSession session;
    /** When the countdown started (select, a transfer's new leg, or the end of a hold), and whether it fired. */
    private long quietSince;
    private boolean held;
    private boolean timedOut;
    private volatile Consumer<String> listener;

    RtpTimeout(AnchoredSession session) {
        this.session = session;
    }

    /** Holding the session's lock: the countdown starts now. */
    void restart() {
        quietSince = System.nanoTime();
    }

    void listener(Consumer<String> l) {
        listener = l;
    }

    /** The sweeper's check (every second), off the session's lock. */
    void check(long now) {
        String silent = null;
        MediaSettings settings = session.ctx.settings();
        synchronized (session) {
            long timeout = settings.rtpTimeoutSeconds() * 1_000_000_000L;
            Leg caller = session.caller;
            Leg callee = session.callee;
            if (session.closed || !session.selected || timedOut || timeout <= 0 || callee == null) {
                return;
            }
            if (!caller.receives || !callee.receives) {
                held = true;
                return;
            }
            if (held) { // the hold just ended: the countdown starts now
                held = false;
                quietSince = now;
                return;
            }
            for (Leg leg : new Leg[] {caller, callee}) {
                if (now - Math.max(leg.lastReceivedNanos, quietSince) > timeout) {
                    silent = leg.role;
                    break;
                }
            }
            if (silent == null) {
                return;
            }
            timedOut = true;
        }
        LOG.info("media {} of call {}: no RTP from the {} for {} s", session.id(), session.call,
            silent, settings.rtpTimeoutSeconds());
        Consumer<String> l = listener;
        if (l != null) {
            l.accept(silent);
        }
    }
}
