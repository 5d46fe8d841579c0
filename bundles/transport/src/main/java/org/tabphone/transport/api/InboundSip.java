package org.tabphone.transport.api;

import org.tabphone.sip.api.SipMessage;

/**
 * A message as it came off the wire: for requests, the top Via already carries
 * {@code received}/{@code rport} where RFC 3261 §18.2.1 and RFC 3581 ask for them.
 */
public record InboundSip(SipMessage message, Flow flow) {
}
