package org.tabphone.sip.internal.transaction;

import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMessages;
import org.tabphone.sip.api.SipParseException;

/**
 * A message a finished transaction may have to send again (the final response for a retransmitted
 * request, RFC 3261 §17.2.1/§17.2.2; the ACK for a retransmitted non-2xx, §17.1.1.2), kept as its
 * wire octets. A parsed or built message holds its source buffers, header table and parsed headers:
 * 4-5 times the octets (bench/sip-transactions.sh). Parsed again only when resent, which is rare.
 */
final class WireCopy {
    private final byte[] octets;
    /** Only when the octets did not parse back (our builder took what our parser refuses): kept whole. */
    private final SipMessage whole;

    private WireCopy(byte[] octets, SipMessage whole) {
        this.octets = octets;
        this.whole = whole;
    }

    static WireCopy of(SipMessage message) {
        byte[] octets = message.toBytes();
        try {
            SipMessages.parse(octets, 0, octets.length); // checked once here, so message() cannot fail later
            return new WireCopy(octets, null);
        } catch (SipParseException e) {
            return new WireCopy(null, message);
        }
    }

    /** The message again, octet for octet the one copied. */
    SipMessage message() {
        if (whole != null) {
            return whole;
        }
        try {
            return SipMessages.parse(octets, 0, octets.length);
        } catch (SipParseException e) {
            throw new IllegalStateException("parsed when copied, not now: " + e.reason(), e);
        }
    }
}
