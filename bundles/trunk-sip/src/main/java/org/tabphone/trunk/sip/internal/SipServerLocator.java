package org.tabphone.trunk.sip.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.naming.NamingException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.trunk.api.TrunkSettings;

/**
 * RFC 3263 §4 for a trunk's provider ({@code sip:<host>[:<port>]}): the next hop — address, port
 * and transport — and every address the name stands for (the sources that are the provider).
 * <ul>
 * <li>An IP address or a port: no NAPTR, no SRV (§4.1, §4.2); the configured transport (UDP for
 *     {@code auto}) at that port or the transport's default.</li>
 * <li>A name with a fixed transport: its SRV records (§4.2), else its A/AAAA at the default port.</li>
 * <li>A name with {@code transport = auto} (§4.1): NAPTR records offering a transport the gateway
 *     listens on, by order and preference, each followed to its SRV records; no usable NAPTR:
 *     SRV for {@code _sips._tcp}, {@code _sip._tcp}, {@code _sip._udp}, the first that has
 *     reachable targets; none: A/AAAA with UDP at 5060.</li>
 * </ul>
 * Every lookup blocks: call it on the driver's thread, never on an I/O thread.
 */
final class SipServerLocator {
    private static final Logger LOG = LoggerFactory.getLogger(SipServerLocator.class);
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F]*:[0-9a-fA-F:.]*]?");
    /**
     * Without NAPTR, §4.1 lets the client pick any transport whose SRV query succeeds. TLS first, as
     * §4.1 asks providers to order SIPS above SIP in NAPTR; then TCP, which has no MTU limit on a
     * message (RFC 3261 §18.1.1); UDP last.
     */
    private static final List<TransportKind> SRV_PREFERENCE = List.of(TransportKind.TLS, TransportKind.TCP, TransportKind.UDP);

    /** The next hop and all of the provider's addresses. */
    record Located(NextHop hop, List<InetAddress> addresses) {
    }

    private final NaptrLookup naptr;
    private final SrvLookup srv;

    SipServerLocator(NaptrLookup naptr, SrvLookup srv) {
        this.naptr = naptr;
        this.srv = srv;
    }

    /** True for an IPv4 or IPv6 literal (bracketed or not): nothing to look up. */
    static boolean isAddress(String host) {
        return IP_LITERAL.matcher(host).matches();
    }

    /**
     * Locates the provider of {@code s}; with {@code transport = auto} only transports in
     * {@code supported} (those the gateway listens on, so its Contact is reachable) are chosen.
     */
    Located locate(TrunkSettings s, Set<TransportKind> supported) throws UnknownHostException {
        String host = s.host().replace("[", "").replace("]", "");
        if (isAddress(s.host()) || s.port() != 0) {
            return byAddress(host, s.transport(), s.port() == 0 ? s.defaultPort() : s.port(), "address");
        }
        if (s.autoTransport()) {
            return selectTransport(s.name(), host, supported);
        }
        Optional<Located> bySrv = bySrv(s.name(), SrvLookup.serviceName(s.transport(), host), s.transport(), "SRV");
        return bySrv.isPresent() ? bySrv.get() : byAddress(host, s.transport(), defaultPort(s.transport()), "A/AAAA");
    }

    /** RFC 3263 §4.1 for a name without a port. */
    private Located selectTransport(String trunk, String host, Set<TransportKind> supported) throws UnknownHostException {
        List<NaptrLookup.Naptr> rules = sipRules(trunk, host, supported);
        for (NaptrLookup.Naptr rule : rules) {
            // a rule whose SRV name has no reachable target: RFC 3403 lets the client go on to the next one
            Optional<Located> found = bySrv(trunk, rule.replacement(), rule.sipTransport().orElseThrow(), "NAPTR");
            if (found.isPresent()) {
                return found.get();
            }
        }
        if (!rules.isEmpty()) {
            // §4.2: no SRV records for what NAPTR chose: the domain's own addresses, on that transport, at its default port
            TransportKind chosen = rules.get(0).sipTransport().orElseThrow();
            return byAddress(host, chosen, defaultPort(chosen), "NAPTR, A/AAAA");
        }
        for (TransportKind t : SRV_PREFERENCE) {
            if (supported.contains(t)) {
                Optional<Located> found = bySrv(trunk, SrvLookup.serviceName(t, host), t, "SRV");
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        // §4.1: no NAPTR and no SRV: UDP for a SIP URI, at 5060 (§4.2)
        return byAddress(host, TransportKind.UDP, defaultPort(TransportKind.UDP), "A/AAAA");
    }

    /**
     * The NAPTR records a SIP client may follow (§4.1): an "s" rule toward an SRV name, for a
     * service the gateway can use (SCTP and unknown services are dropped), best first. A failed
     * query counts as none: SRV and A/AAAA may still find the provider.
     */
    private List<NaptrLookup.Naptr> sipRules(String trunk, String host, Set<TransportKind> supported) {
        List<NaptrLookup.Naptr> all;
        try {
            all = naptr.lookup(host);
        } catch (NamingException e) {
            LOG.info("trunk {}: NAPTR lookup of {} failed ({}); trying SRV", trunk, host, e.toString());
            return List.of();
        }
        List<NaptrLookup.Naptr> usable = new ArrayList<>();
        for (NaptrLookup.Naptr r : all) {
            if (r.isSrvRule() && r.sipTransport().filter(supported::contains).isPresent()) {
                usable.add(r);
            }
        }
        if (usable.size() < all.size()) {
            LOG.debug("trunk {}: {} of {} NAPTR records of {} are not for a SIP transport we use", trunk,
                all.size() - usable.size(), all.size(), host);
        }
        return usable;
    }

    /** The best SRV target of {@code name} that resolves, with every target's addresses; empty when none does. */
    private Optional<Located> bySrv(String trunk, String name, TransportKind transport, String how) {
        List<SrvLookup.Target> targets;
        try {
            targets = srv.lookup(name);
        } catch (NamingException e) {
            LOG.info("trunk {}: SRV lookup of {} failed ({})", trunk, name, e.toString());
            return Optional.empty();
        }
        List<InetAddress> all = new ArrayList<>();
        NextHop first = null;
        for (SrvLookup.Target t : targets) {
            try {
                InetAddress[] a = InetAddress.getAllByName(t.host());
                all.addAll(List.of(a));
                if (first == null) {
                    first = new NextHop(new InetSocketAddress(a[0], t.port()), transport, how);
                }
            } catch (UnknownHostException e) {
                LOG.info("trunk {}: SRV target {} of {} does not resolve; trying the next", trunk, t.host(), name);
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        LOG.info("trunk {}: {} → {} ({} targets)", trunk, name, first, targets.size());
        return Optional.of(new Located(first, List.copyOf(all)));
    }

    private static Located byAddress(String host, TransportKind transport, int port, String how) throws UnknownHostException {
        InetAddress[] a = InetAddress.getAllByName(host);
        return new Located(new NextHop(new InetSocketAddress(a[0], port), transport, how), List.of(a));
    }

    /** RFC 3261 §19.1.2: 5061 for TLS, else 5060. */
    static int defaultPort(TransportKind transport) {
        return transport == TransportKind.TLS ? 5061 : 5060;
    }
}
