package org.tabphone.trunk.sip.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.naming.NamingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.trunk.api.Cidr;
import org.tabphone.trunk.api.TrunkSettings;

/**
 * Where the provider is and which sources are the provider (RFC 3263 §4.2): a host name without
 * a port is looked up as SRV for the trunk's transport, its targets' addresses (A/AAAA,
 * /etc/hosts) are the provider's, the best target is the next hop; without SRV records, or with
 * a port, the name's own addresses and that port (default 5060/5061). Lookups run on the
 * driver's thread, never on an I/O thread; IP literals need none.
 */
final class ProviderAddresses {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderAddresses.class);
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:]+]?");

    private final TrunkSettings settings;
    private final SrvLookup srv;
    private final List<Cidr> inbound;
    private volatile List<InetAddress> resolved = List.of();
    private volatile InetSocketAddress proxy;

    ProviderAddresses(TrunkSettings settings, SrvLookup srv) {
        this.settings = settings;
        this.srv = srv;
        this.inbound = settings.inboundAddresses().stream().map(Cidr::parse).toList();
    }

    boolean needsLookup() {
        return !IP_LITERAL.matcher(settings.host()).matches();
    }

    /** Resolves the provider; blocks on DNS for a name — call it off the I/O threads. */
    void resolve() throws UnknownHostException {
        String host = settings.host().replace("[", "").replace("]", "");
        if (needsLookup() && settings.port() == 0 && resolveSrv(host)) {
            return;
        }
        InetAddress[] a = InetAddress.getAllByName(host);
        resolved = List.of(a);
        proxy = new InetSocketAddress(a[0], settings.port() == 0 ? settings.defaultPort() : settings.port());
    }

    private boolean resolveSrv(String host) {
        String name = SrvLookup.serviceName(settings.transport(), host);
        List<SrvLookup.Target> targets;
        try {
            targets = srv.lookup(name);
        } catch (NamingException e) {
            LOG.info("trunk {}: SRV lookup of {} failed ({}); using the name's addresses", settings.name(), name, e.toString());
            return false;
        }
        List<InetAddress> all = new ArrayList<>();
        InetSocketAddress first = null;
        for (SrvLookup.Target t : targets) {
            try {
                InetAddress[] a = InetAddress.getAllByName(t.host());
                all.addAll(List.of(a));
                if (first == null) {
                    first = new InetSocketAddress(a[0], t.port());
                }
            } catch (UnknownHostException e) {
                LOG.info("trunk {}: SRV target {} of {} does not resolve; trying the next", settings.name(), t.host(), name);
            }
        }
        if (first == null) {
            return false;
        }
        resolved = List.copyOf(all);
        proxy = first;
        LOG.info("trunk {}: {} → {} ({} targets)", settings.name(), name, first, targets.size());
        return true;
    }

    /** The proxy to send to, or null before the provider resolved. */
    InetSocketAddress proxy() {
        return proxy;
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
