package org.tabphone.transport.internal;

import java.net.InetSocketAddress;

import org.tabphone.transport.api.TransportKind;
import org.tabphone.transport.internal.tls.TlsIdentity;

/**
 * What one listener should be. Two equal specs need no rebind; any difference (address, port,
 * WebSocket path, size limit) reopens that listener alone.
 */
record ListenerSpec(TransportKind kind, InetSocketAddress bind, String path, int maxMessageBytes, TlsIdentity tls) {
    boolean enabled() {
        return bind.getPort() != 0;
    }
}
