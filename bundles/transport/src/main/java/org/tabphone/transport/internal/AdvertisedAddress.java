package org.tabphone.transport.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * The host we put in Via sent-by, Contact and Record-Route: the configured public address,
 * else the bind address, else (bound to a wildcard) this host's first non-loopback IPv4
 * address. Never resolved through DNS: a name stays a name.
 */
record AdvertisedAddress(String host) {

    static AdvertisedAddress of(TransportSettings s) {
        if (!s.publicAddress().isEmpty()) {
            return new AdvertisedAddress(s.publicAddress());
        }
        InetAddress bind = s.listeners().values().iterator().next().bind().getAddress();
        if (!bind.isAnyLocalAddress()) {
            return new AdvertisedAddress(bind.getHostAddress());
        }
        return new AdvertisedAddress(firstSiteAddress());
    }

    InetSocketAddress withPort(int port) {
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static String firstSiteAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to loopback
        }
        return "127.0.0.1";
    }
}
