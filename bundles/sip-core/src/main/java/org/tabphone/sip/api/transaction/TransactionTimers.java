package org.tabphone.sip.api.transaction;

/**
 * T1, T2 and T4 of RFC 3261 §17.1.1.1 / Table 4, from which every other timer derives.
 *
 * @param t1Millis round-trip estimate, default 500 ms
 * @param t2Millis maximum retransmit interval for non-INVITE requests and INVITE responses, default 4 s
 * @param t4Millis maximum time a message stays in the network, default 5 s
 */
public record TransactionTimers(long t1Millis, long t2Millis, long t4Millis) {
    public static final TransactionTimers DEFAULT = new TransactionTimers(500, 4000, 5000);

    public TransactionTimers {
        if (t1Millis <= 0 || t2Millis < t1Millis || t4Millis <= 0) {
            throw new IllegalArgumentException("need 0 < T1 <= T2 and T4 > 0: " + t1Millis + "/" + t2Millis + "/" + t4Millis);
        }
    }

    /** 64*T1: Timers B, F, H, J (unreliable), L and M (RFC 6026). */
    public long timeoutMillis() {
        return 64 * t1Millis;
    }
}
