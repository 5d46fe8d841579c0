package org.tabphone.sip.api.header;

import java.util.Objects;
import org.tabphone.sip.api.SipMethod;

/**
 * The CSeq header value (RFC 3261 §20.16): a sequence number below 2^31 and the request method.
 *
 * @param number 0 to 2^31 - 1
 * @param method the method of the request the message belongs to
 */
public record CSeq(long number, SipMethod method) implements HeaderValue {
    /** The largest sequence number RFC 3261 §8.1.1.5 allows. */
    public static final long MAX_NUMBER = (1L << 31) - 1;

    public CSeq {
        if (number < 0 || number > MAX_NUMBER) {
            throw new IllegalArgumentException("CSeq number out of range: " + number);
        }
        Objects.requireNonNull(method, "method");
    }

    /** {@code "314159 INVITE"}. */
    @Override
    public String toString() {
        return number + " " + method.name();
    }
}
