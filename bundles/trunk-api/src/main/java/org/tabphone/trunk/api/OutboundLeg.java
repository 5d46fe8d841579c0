package org.tabphone.trunk.api;

import java.net.InetSocketAddress;

import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.uri.SipUri;

/**
 * Where an outbound call on a trunk goes: the INVITE's Request-URI, From (the caller-id the
 * provider accepts), To, and the path to the provider's proxy at {@code proxy}.
 */
public record OutboundLeg(SipUri requestUri, NameAddress from, NameAddress to, SipPath path, InetSocketAddress proxy) {
}
