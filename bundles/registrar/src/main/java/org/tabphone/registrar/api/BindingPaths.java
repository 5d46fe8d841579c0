package org.tabphone.registrar.api;

import java.util.Optional;

import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.transport.api.SipStack;
import org.tabphone.transport.api.SipTransport;
import org.tabphone.transport.api.TransportKind;

/**
 * How to reach a binding: over its flow when it has one that is still open (connections,
 * WebSockets), else from our UDP listener to the address its REGISTER came from — which is
 * what crosses the NAT, unlike the Contact's private address (the "NAT-friendly" choice of
 * Kamailio's fix_nated_contact and of RFC 5626's flow reuse). Never resolves names.
 */
public final class BindingPaths {
    private BindingPaths() {
    }

    public static Optional<SipPath> pathOf(Binding b, SipTransport transport, SipStack stack) {
        if (b.transport() == TransportKind.UDP) {
            return Optional.of(stack.pathTo(TransportKind.UDP, b.source()));
        }
        return transport.flow(b.flow()).filter(f -> f.isOpen()).map(f -> (SipPath) f);
    }
}
