package org.tabphone.trunk.sip.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

import org.tabphone.transport.api.TransportKind;

/**
 * RFC 3263 §4.2 / RFC 2782: the SRV records of a SIP server name for one transport
 * ({@code _sip._udp}, {@code _sip._tcp}, {@code _sips._tcp}), best first, through the JDK's DNS
 * client (the system's resolvers, or one given server for tests). Blocks: call it off the I/O
 * threads.
 */
final class SrvLookup {
    /** One SRV target. */
    record Target(String host, int port, int priority, int weight) {
    }

    private final String providerUrl;

    /** {@code server} "host:port" of a DNS server, or null for the system's resolvers. */
    SrvLookup(String server) {
        this.providerUrl = server == null ? "dns:" : "dns://" + server;
    }

    static String serviceName(TransportKind transport, String domain) {
        return switch (transport) {
            case TLS -> "_sips._tcp." + domain;
            case TCP -> "_sip._tcp." + domain;
            default -> "_sip._udp." + domain;
        };
    }

    /** The targets by priority (lowest first), then weight (highest first); empty when there are none. */
    List<Target> lookup(String name) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        env.put(Context.PROVIDER_URL, providerUrl);
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        Thread me = Thread.currentThread();
        ClassLoader before = me.getContextClassLoader();
        me.setContextClassLoader(ClassLoader.getSystemClassLoader()); // the JDK's DNS provider, not the bundle's view
        DirContext ctx = null;
        try {
            ctx = new InitialDirContext(env);
            Attribute srv = ctx.getAttributes(name, new String[] {"SRV"}).get("SRV");
            List<Target> targets = new ArrayList<>();
            if (srv != null) {
                NamingEnumeration<?> values = srv.getAll();
                while (values.hasMore()) {
                    parse(String.valueOf(values.next()), targets);
                }
            }
            targets.sort(Comparator.comparingInt(Target::priority).thenComparing(Comparator.comparingInt(Target::weight).reversed()));
            return targets;
        } catch (NameNotFoundException e) {
            return List.of();
        } finally {
            if (ctx != null) {
                ctx.close();
            }
            me.setContextClassLoader(before);
        }
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
