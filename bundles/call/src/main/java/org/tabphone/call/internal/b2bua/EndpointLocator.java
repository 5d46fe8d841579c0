package org.tabphone.call.internal.b2bua;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.transport.api.TransportKind;

/**
 * Where the INVITE of a RouteDecision.RingUri goes (RFC 3261 §8.1.2; RFC 3263 §4 without
 * NAPTR/SRV: an endpoint's URI names its host and port). The transport is the URI's
 * {@code transport} parameter: UDP when absent (TLS for {@code sips:}), TCP or TLS; a WebSocket
 * peer is reachable only over its own connection (RFC 7118 §5), never by address. The port is the
 * URI's, else 5060 (5061 for TLS, RFC 3261 §19.1.2). An IP address is used as it is; a host name
 * is looked up on {@code resolver} — a blocking DNS query, so never on an I/O thread.
 */
final class EndpointLocator {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** The outcome: the endpoint and its address, or a final status for the caller. */
    sealed interface Location {
    }

    record Located(CalleeBranch.Endpoint endpoint, InetSocketAddress address) implements Location {
    }

    record Unreachable(int code, String reason) implements Location {
    }

    private final Executor resolver;

    EndpointLocator(Executor resolver) {
        this.resolver = resolver;
    }

    /** Completes at once for an IP address or a bad URI, on the resolver thread for a host name. */
    CompletionStage<Location> locate(SipUri uri) {
        if (!uri.headers().isEmpty()) {
            return done(new Unreachable(502, "Endpoint URI has headers: not a Request-URI"));
        }
        Optional<TransportKind> kind = transportOf(uri);
        if (kind.isEmpty() || kind.get().isWebSocket()) {
            return done(new Unreachable(502, "Endpoint transport not supported: " + uri.transport().orElse("")));
        }
        CalleeBranch.Endpoint endpoint = new CalleeBranch.Endpoint(uri, kind.get());
        int port = uri.port().orElse(kind.get() == TransportKind.TLS ? 5061 : 5060);
        Optional<InetAddress> literal = ipLiteral(uri.host());
        if (literal.isPresent()) {
            return done(new Located(endpoint, new InetSocketAddress(literal.get(), port)));
        }
        CompletableFuture<Location> result = new CompletableFuture<>();
        try {
            resolver.execute(() -> result.complete(lookUp(endpoint, port)));
        } catch (RejectedExecutionException e) { // stopping, or a backlog of lookups
            result.complete(new Unreachable(503, "Endpoint host lookup unavailable"));
        }
        return result;
    }

    private static Location lookUp(CalleeBranch.Endpoint endpoint, int port) {
        String host = endpoint.uri().host();
        try {
            return new Located(endpoint, new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (UnknownHostException | SecurityException e) {
            return new Unreachable(503, "Endpoint host " + host + " does not resolve");
        }
    }

    static Optional<TransportKind> transportOf(SipUri uri) {
        Optional<String> param = uri.transport();
        if (param.isEmpty()) {
            return Optional.of(uri.isSecure() ? TransportKind.TLS : TransportKind.UDP);
        }
        return TransportKind.fromToken(param.get());
    }

    /**
     * The address of an IPv4 or bracketed IPv6 literal, without any lookup; empty for a name.
     * (InetAddress.getByName would query DNS for a near-literal such as 999.1.1.1.)
     */
    static Optional<InetAddress> ipLiteral(String host) {
        try {
            if (host.startsWith("[")) { // the JDK parses a bracketed IPv6 literal or refuses it: no DNS
                return Optional.of(InetAddress.getByName(host));
            }
            Matcher m = IPV4.matcher(host);
            if (!m.matches()) {
                return Optional.empty();
            }
            byte[] a = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(m.group(i + 1));
                if (octet > 255) {
                    return Optional.empty();
                }
                a[i] = (byte) octet;
            }
            return Optional.of(InetAddress.getByAddress(a));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static CompletionStage<Location> done(Location location) {
        return CompletableFuture.completedFuture(location);
    }
}
