package org.tabphone.trunk.sip.internal;

import java.net.InetSocketAddress;
import java.util.Locale;

import org.tabphone.transport.api.TransportKind;

/**
 * Where everything a trunk sends goes (RFC 3263 §4): the provider's address and the transport to
 * reach it on, which together make the path, the Via and the Contact. {@code how} says which
 * lookup found it ("NAPTR", "SRV", "A/AAAA", "address") for the trunk's status.
 */
record NextHop(InetSocketAddress address, TransportKind transport, String how) {

    /** "tcp 203.0.113.5:5060" */
    @Override
    public String toString() {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return transport.viaToken().toLowerCase(Locale.ROOT) + " " + host + ":" + address.getPort();
    }
}
