package org.tabphone.transport.api;

import org.osgi.annotation.versioning.ConsumerType;
import org.tabphone.sip.api.SipRequest;

/**
 * Asked about every request before the SIP stack spends a transaction on it: access control
 * and abuse protection sit here, so a refused source costs one stateless answer (or nothing).
 * One filter is used, the highest {@code service.ranking}; with none, everything passes. Runs on
 * I/O threads for every request (retransmissions included): decide from memory, never block.
 */
@ConsumerType
public interface SipRequestFilter {

    /** What to do with a request. {@link #PASS} and {@link #DROP} are shared; rejections are cached by their owner. */
    record Verdict(int status, String reason) {
        /** Handle the request as usual. */
        public static final Verdict PASS = new Verdict(0, null);
        /** Discard it without an answer (e.g. a UDP scanner). */
        public static final Verdict DROP = new Verdict(-1, null);

        /** Answer statelessly with this final status (e.g. 403) and reason phrase (null for the standard one). */
        public static Verdict reject(int status, String reason) {
            if (status < 300 || status > 699) {
                throw new IllegalArgumentException("a rejection needs a final error status: " + status);
            }
            return new Verdict(status, reason);
        }

        public boolean passes() {
            return status == 0;
        }

        public boolean drops() {
            return status < 0;
        }
    }

    Verdict check(SipRequest request, Flow flow);
}
