package org.tabphone.media.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of our addresses a peer can reach: the source address the kernel picks for a route to
 * the peer's signalling address (a connected UDP socket sends nothing), cached per peer address.
 * An operator behind NAT sets {@code advertised.address} instead.
 */
final class LocalAddresses {
    private static final int CACHE_LIMIT = 4096;
    private final InetAddress advertised;
    private final Map<InetAddress, InetAddress> routes = new ConcurrentHashMap<>();

    LocalAddresses(InetAddress advertised) {
        this.advertised = advertised;
    }

    /** The address to write in SDP for a peer whose signalling comes from {@code peer}. */
    InetAddress towards(InetSocketAddress peer) {
        if (advertised != null) {
            return advertised;
        }
        if (peer == null || peer.getAddress() == null) {
            return firstInterfaceAddress();
        }
        InetAddress remote = peer.getAddress();
        InetAddress local = routes.get(remote);
        if (local == null) {
            local = route(remote);
            if (routes.size() >= CACHE_LIMIT) {
                routes.clear();
            }
            routes.put(remote, local);
        }
        return local;
    }

    private InetAddress route(InetAddress remote) {
        if (remote.isLoopbackAddress()) {
            return remote;
        }
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(remote, 9); // no packet is sent: this only asks the routing table
            InetAddress local = s.getLocalAddress();
            if (local != null && !local.isAnyLocalAddress()) {
                return local;
            }
        } catch (IOException e) {
            // no route: fall through
        }
        return firstInterfaceAddress();
    }

    /** Every up, non-loopback IPv4 address of this host (ICE host candidates for browsers). */
    static List<InetAddress> interfaceAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        out.add(a);
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces readable: callers fall back to loopback
        }
        return out;
    }

    private static InetAddress firstInterfaceAddress() {
        List<InetAddress> all = interfaceAddresses();
        return all.isEmpty() ? InetAddress.getLoopbackAddress() : all.get(0);
    }
}
