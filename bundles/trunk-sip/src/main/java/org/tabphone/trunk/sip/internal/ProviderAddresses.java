package org.tabphone.trunk.sip.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

import org.tabphone.transport.api.TransportKind;
import org.tabphone.trunk.api.Cidr;
import org.tabphone.trunk.api.TrunkSettings;

/**
 * Where the provider is and which sources are the provider: the last {@link SipServerLocator}
 * answer (next hop and transport, every address of the provider's name), kept for the trunk's
 * threads. Lookups run on the driver's thread, never on an I/O thread; IP literals need none.
 */
final class ProviderAddresses {
    private final TrunkSettings settings;
    private final SipServerLocator locator;
    private final List<Cidr> inbound;
    private volatile List<InetAddress> resolved = List.of();
    private volatile NextHop hop;

    ProviderAddresses(TrunkSettings settings, SipServerLocator locator) {
        this.settings = settings;
        this.locator = locator;
        this.inbound = settings.inboundAddresses().stream().map(Cidr::parse).toList();
    }

    boolean needsLookup() {
        return !SipServerLocator.isAddress(settings.host());
    }

    /**
     * Resolves the provider, choosing among {@code supported} transports with {@code transport = auto};
     * blocks on DNS for a name — call it off the I/O threads. Returns the new next hop.
     */
    NextHop resolve(Set<TransportKind> supported) throws UnknownHostException {
        SipServerLocator.Located found = locator.locate(settings, supported);
        resolved = found.addresses();
        hop = found.hop();
        return found.hop();
    }

    /** The next hop, or null before the provider resolved. */
    NextHop proxy() {
        return hop;
    }

    boolean accepts(InetSocketAddress source) {
        InetAddress a = source.getAddress();
        if (a == null) {
            return false;
        }
        if (!inbound.isEmpty()) {
            return inbound.stream().anyMatch(c -> c.contains(a));
        }
        return resolved.contains(a);
    }
}
