package org.tabphone.transport.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.Via;

/**
 * RFC 3261 §18.2.1: a request whose top Via sent-by is a name, or an address other than the
 * packet's source, gets {@code received=<source>}; RFC 3581 §4: a flag-only {@code rport} gets the
 * source port (and {@code received} always). Names are never resolved: only literals compare.
 */
final class ViaStamping {
    private ViaStamping() {
    }

    static SipRequest stamp(SipRequest request, InetSocketAddress source) {
        Via top = request.topVia();
        if (top == null) {
            return request; // nothing to stamp; the stack answers 400
        }
        String sourceIp = source.getAddress().getHostAddress();
        boolean rport = top.hasRport() && top.rport().isEmpty();
        if (!rport && sameAddress(top.host(), source.getAddress())) {
            return request;
        }
        Via stamped = top.withReceived(sourceIp);
        if (rport) {
            stamped = stamped.withRport(source.getPort());
        }
        return request.toBuilder().removeFirst(HeaderName.VIA).addVia(stamped).build();
    }

    private static boolean sameAddress(String sentByHost, InetAddress source) {
        String h = sentByHost.startsWith("[") && sentByHost.endsWith("]")
            ? sentByHost.substring(1, sentByHost.length() - 1) : sentByHost;
        if (!isLiteral(h)) {
            return false;
        }
        try {
            return InetAddress.getByName(h).equals(source); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isLiteral(String h) {
        if (h.isEmpty()) {
            return false;
        }
        if (h.indexOf(':') >= 0) {
            return h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        return h.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.') && h.chars().filter(c -> c == '.').count() == 3;
    }
}
