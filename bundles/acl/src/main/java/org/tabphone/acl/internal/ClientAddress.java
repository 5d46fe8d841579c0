package org.tabphone.acl.internal;

import java.util.List;
import java.util.Optional;

import io.netty.util.NetUtil;

import org.tabphone.acl.api.AclRule;
import org.tabphone.transport.api.Flow;

/**
 * The address access control judges: the flow's peer, unless that peer is a trusted proxy
 * (e.g. a load balancer in front of the WSS port) and the WebSocket handshake carried
 * X-Forwarded-For; then the right-most address in it that is not itself a trusted proxy. An
 * untrusted peer's header is ignored, so a client cannot pick its own address. Immutable.
 */
final class ClientAddress {
    static final ClientAddress NO_PROXIES = new ClientAddress(List.of());

    private final List<Cidr> trusted;

    private ClientAddress(List<Cidr> trusted) {
        this.trusted = trusted;
    }

    /** Comma-separated CIDR; throws {@link IllegalArgumentException} naming a bad one. */
    static ClientAddress trusting(String text) {
        List<Cidr> t = new java.util.ArrayList<>();
        for (String n : (text == null ? "" : text).split("[,\\s]+")) {
            if (!n.isBlank()) {
                t.add(Cidr.parse(AclRule.parse("allow " + n.trim()).network())); // literals only: no DNS
            }
        }
        return new ClientAddress(List.copyOf(t));
    }

    /** The client's address bytes; {@code peer} when no trusted proxy vouches for another. */
    byte[] of(Flow flow, byte[] peer) {
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        Optional<String> xff = flow.forwardedFor();
        if (xff.isEmpty()) {
            return peer;
        }
        String[] hops = xff.get().split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            byte[] hop = literal(hops[i].trim());
            if (hop == null) {
                return peer; // garbage in the chain: judge the proxy itself
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private boolean isTrusted(byte[] address) {
        for (int i = 0; i < trusted.size(); i++) {
            if (trusted.get(i).matches(address)) {
                return true;
            }
        }
        return false;
    }

    /** An IPv4 or IPv6 literal (brackets and a port allowed), never a name: no DNS on the I/O thread. */
    static byte[] literal(String text) {
        String t = text;
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            t = end < 0 ? "" : t.substring(1, end);
        } else if (t.indexOf(':') > 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            t = t.substring(0, t.indexOf(':')); // IPv4 with a port
        }
        return NetUtil.createByteArrayFromIpAddressString(t);
    }
}
