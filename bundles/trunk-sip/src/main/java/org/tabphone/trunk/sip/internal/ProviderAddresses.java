package org.tabphone.trunk.sip.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import org.tabphone.trunk.api.Cidr;
import org.tabphone.trunk.api.TrunkSettings;

/**
 * Where the provider is and which sources are the provider. Host names are resolved (A/AAAA,
 * /etc/hosts) on the driver's thread, never on an I/O thread; IP literals need no lookup.
 */
final class ProviderAddresses {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:]+]?");

    private final TrunkSettings settings;
    private final List<Cidr> inbound;
    private volatile List<InetAddress> resolved = List.of();

    ProviderAddresses(TrunkSettings settings) {
        this.settings = settings;
        this.inbound = settings.inboundAddresses().stream().map(Cidr::parse).toList();
    }

    boolean needsLookup() {
        return !IP_LITERAL.matcher(settings.host()).matches();
    }

    /** Resolves the provider's host; blocks on DNS for a name — call it off the I/O threads. */
    void resolve() throws UnknownHostException {
        String host = settings.host().replace("[", "").replace("]", "");
        resolved = List.of(InetAddress.getAllByName(host));
    }

    /** The proxy to send to, or null before the host resolved. */
    InetSocketAddress proxy() {
        List<InetAddress> r = resolved;
        return r.isEmpty() ? null : new InetSocketAddress(r.get(0), settings.port());
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
