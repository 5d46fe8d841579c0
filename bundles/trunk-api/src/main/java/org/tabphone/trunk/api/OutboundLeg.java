package org.tabphone.trunk.api;

import java.net.InetSocketAddress;

import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.transport.api.TransportKind;

/**
 * Where an outbound call on a trunk goes: the INVITE's Request-URI, From (the caller-id the
 * provider accepts), To, and the path to the provider's proxy at {@code proxy} over
 * {@code transport} — the trunk's, or the one DNS chose for it ({@code transport = auto},
 * RFC 3263 §4.1). The caller's Contact and Via name that transport, so the provider's requests
 * in the dialog come back on it.
 */
public record OutboundLeg(SipUri requestUri, NameAddress from, NameAddress to, SipPath path, InetSocketAddress proxy,
                          TransportKind transport) {

    /**
     * As before {@code transport} existed (trunk API 0.2): a driver that does not say is taken to
     * use UDP, the default of a trunk.
     */
    public OutboundLeg(SipUri requestUri, NameAddress from, NameAddress to, SipPath path, InetSocketAddress proxy) {
        this(requestUri, from, to, path, proxy, TransportKind.UDP);
    }
}
