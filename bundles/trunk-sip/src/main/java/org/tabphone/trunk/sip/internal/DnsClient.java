package org.tabphone.trunk.sip.internal;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Records of one type for one name through the JDK's DNS client (JNDI {@code DnsContext}): the
 * system's resolvers, or one given server for tests. The JDK decodes the RDATA to text (SRV:
 * "priority weight port target", NAPTR: "order preference flags services regexp replacement");
 * the lookups parse that. Blocks: call it off the I/O threads.
 */
final class DnsClient {
    private final String providerUrl;

    /** {@code server} "host:port" of a DNS server, or null for the system's resolvers. */
    DnsClient(String server) {
        this.providerUrl = server == null ? "dns:" : "dns://" + server;
    }

    /** The records of {@code type} ("SRV", "NAPTR") of {@code name} as text; empty when there are none or no name. */
    List<String> records(String name, String type) throws NamingException {
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
            Attribute values = ctx.getAttributes(name, new String[] {type}).get(type);
            List<String> out = new ArrayList<>();
            if (values != null) {
                NamingEnumeration<?> all = values.getAll();
                while (all.hasMore()) {
                    out.add(String.valueOf(all.next()));
                }
            }
            return out;
        } catch (NameNotFoundException e) {
            return List.of(); // NXDOMAIN: no records, not a failure
        } catch (RuntimeException e) {
            // the JDK's decoder on a malformed answer: a failed lookup like any other, not the trunk's end
            NamingException failed = new NamingException("unreadable DNS answer for " + name + " " + type);
            failed.setRootCause(e);
            throw failed;
        } finally {
            if (ctx != null) {
                ctx.close();
            }
            me.setContextClassLoader(before);
        }
    }
}
