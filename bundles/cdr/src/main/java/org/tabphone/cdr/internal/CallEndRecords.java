package org.tabphone.cdr.internal;

import java.time.Duration;

import org.tabphone.call.api.CallEvent;
import org.tabphone.cdr.api.CdrRecord;

/** A call's ENDED event as a record still to be numbered (seq 0): the writer numbers, chains and signs it. */
final class CallEndRecords {
    private CallEndRecords() {
    }

    static CdrRecord of(CallEvent e) {
        long talk = e.answered() == null ? 0 : Math.max(0, Duration.between(e.answered(), e.at()).toMillis());
        return new CdrRecord(0, e.call(), e.tenant(), e.caller(), e.callee(), nonNull(e.direction()),
            nonNull(e.trunk()), nonNull(e.callerCodec()), nonNull(e.calleeCodec()),
            e.started() == null ? e.at() : e.started(), e.answered(), e.at(), talk, e.cause(), nonNull(e.endedBy()),
            rtp(e.callerRtp()), rtp(e.calleeRtp()));
    }

    private static CdrRecord.Rtp rtp(CallEvent.RtpCounters c) {
        return c == null ? CdrRecord.Rtp.NONE : new CdrRecord.Rtp(c.packets(), c.lost(), Math.round(c.jitterMillis()),
            c.roundTripMillis() < 0 ? -1 : Math.round(c.roundTripMillis()), c.remoteLost());
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
