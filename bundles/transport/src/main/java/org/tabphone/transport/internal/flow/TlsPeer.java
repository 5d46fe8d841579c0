package org.tabphone.transport.internal.flow;

import java.net.InetSocketAddress;

/**
 * What an outbound TLS connection was opened for: the address, the name it was verified
 * against (and sent as SNI), and whether it was verified at all. A connection is reused only for
 * the same three, so an unverified lab connection never carries a request that asked for
 * verification, and one verified for name A never carries a request for name B.
 */
public record TlsPeer(InetSocketAddress remote, String serverName, boolean verify) {

    @Override
    public String toString() {
        return serverName + " (" + remote.getAddress().getHostAddress() + ":" + remote.getPort() + ")"
            + (verify ? "" : " unverified");
    }
}
