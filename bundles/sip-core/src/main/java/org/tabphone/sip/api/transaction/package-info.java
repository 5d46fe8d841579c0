/**
 * The transaction layer (RFC 3261 §17, RFC 6026): client and server transactions, timers A–M,
 * retransmission over unreliable paths, matching by branch with the RFC 2543 fallback
 * (§17.2.3), ACK for non-2xx, CANCEL matched to its INVITE (§9.2). Transport-neutral: the
 * transport plugs in through {@link org.tabphone.sip.api.transaction.SipPath}, time through
 * {@link org.tabphone.sip.api.transaction.SipTimer}.
 */
@Version("0.3.1")
package org.tabphone.sip.api.transaction;

import org.osgi.annotation.versioning.Version;
