package org.tabphone.trunk.sip.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javax.naming.NamingException;

import org.tabphone.transport.api.TransportKind;

/**
 * RFC 3263 §4.2 / RFC 2782: the SRV records of a SIP server name for one transport
 * ({@code _sip._udp}, {@code _sip._tcp}, {@code _sips._tcp}), best first. Blocks: call it off the
 * I/O threads.
 */
final class SrvLookup {
    /** One SRV target. */
    record Target(String host, int port, int priority, int weight) {
    }

    private final DnsClient dns;

    SrvLookup(DnsClient dns) {
        this.dns = dns;
    }

    /**
     * The SRV name of {@code domain} for a transport. TLS is {@code _sips._tcp} even for our sip:
     * URIs: RFC 3263 §4.2, "for a SIP URI, if the client wishes to use TLS, it also uses the service
     * identifier _sips".
     */
    static String serviceName(TransportKind transport, String domain) {
        return switch (transport) {
            case TLS -> "_sips._tcp." + domain;
            case TCP -> "_sip._tcp." + domain;
            default -> "_sip._udp." + domain;
        };
    }

    /** The targets by priority (lowest first), then weight (highest first); empty when there are none. */
    List<Target> lookup(String name) throws NamingException {
        List<Target> targets = new ArrayList<>();
        for (String record : dns.records(name, "SRV")) {
            parse(record, targets);
        }
        targets.sort(Comparator.comparingInt(Target::priority).thenComparing(Comparator.comparingInt(Target::weight).reversed()));
        return targets;
    }

    /** "priority weight port target." — a target of "." means the service is not offered (RFC 2782). */
    private static void parse(String record, List<Target> out) {
        String[] f = record.trim().split("\\s+");
        if (f.length != 4) {
            return;
        }
        String host = f[3].endsWith(".") ? f[3].substring(0, f[3].length() - 1) : f[3];
        if (host.isEmpty()) {
            return;
        }
        try {
            out.add(new Target(host, Integer.parseInt(f[2]), Integer.parseInt(f[0]), Integer.parseInt(f[1])));
        } catch (NumberFormatException e) {
            // a malformed record: skip it
        }
    }
}
