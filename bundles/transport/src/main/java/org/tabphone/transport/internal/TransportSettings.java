package org.tabphone.transport.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.Map;

import org.slf4j.LoggerFactory;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.transport.internal.tls.CertificateSettings;
import org.tabphone.transport.internal.tls.ClientTls;
import org.tabphone.transport.internal.tls.TlsIdentity;
import org.tabphone.transport.internal.tls.TrustSettings;

/**
 * An immutable, validated snapshot of {@link TransportConfig}. {@link #from} throws
 * {@link IllegalArgumentException} with an operator-readable message for a bad value, so
 * the component can keep the last good snapshot.
 */
record TransportSettings(Map<TransportKind, ListenerSpec> listeners, String wsPath, String publicAddress,
                         int maxMessageBytes, int udpFlowIdleSeconds, int ioThreads, TlsIdentity tls,
                         CertificateSettings certificates, int wsMaxConnectionsPerAddress,
                         int tcpMaxConnectionsPerAddress, int maxConnections, int udpMaxFlows, ClientTls clientTls) {

    static TransportSettings from(TransportConfig c) {
        return from(c, false);
    }

    /**
     * @param tlsOptional at start, an unusable keystore only keeps TLS and WSS closed (logged);
     *                    on a change it rejects the whole configuration, so the last good one stays
     */
    static TransportSettings from(TransportConfig c, boolean tlsOptional) {
        InetAddress bind = parseAddress(c.bind_address());
        String path = c.ws_path() == null ? "" : c.ws_path().trim();
        if (!path.startsWith("/") || path.contains(" ")) {
            throw new IllegalArgumentException("ws.path must start with '/' and have no spaces: '" + c.ws_path() + "'");
        }
        int max = c.max_message_bytes();
        if (max < 1024 || max > 1 << 20) {
            throw new IllegalArgumentException("max.message.bytes must be 1024..1048576: " + max);
        }
        TlsIdentity tls;
        try {
            tls = TlsIdentity.of(c.tls_keystore(), c.tls_keystore_password());
        } catch (IllegalArgumentException e) {
            if (!tlsOptional) {
                throw e;
            }
            LoggerFactory.getLogger(TransportSettings.class).error("{}: TLS and WSS listeners stay closed", e.getMessage());
            tls = null;
        }
        Map<TransportKind, ListenerSpec> listeners = new EnumMap<>(TransportKind.class);
        listeners.put(TransportKind.UDP, spec(TransportKind.UDP, bind, c.udp_port(), "udp.port", "", max, null));
        listeners.put(TransportKind.TCP, spec(TransportKind.TCP, bind, c.tcp_port(), "tcp.port", "", max, null));
        listeners.put(TransportKind.TLS, spec(TransportKind.TLS, bind, tls == null ? 0 : c.tls_port(), "tls.port", "", max, tls));
        listeners.put(TransportKind.WS, spec(TransportKind.WS, bind, c.ws_port(), "ws.port", path, max, null));
        listeners.put(TransportKind.WSS, spec(TransportKind.WSS, bind, tls == null ? 0 : c.wss_port(), "wss.port", path, max, tls));
        if (tls == null && (c.tls_port() != 0 || c.wss_port() != 0)) {
            // not an error: a gateway without a certificate serves UDP, TCP and WS
            LoggerFactory.getLogger(TransportSettings.class).warn("no tls.keystore configured: TLS and WSS listeners stay closed");
        }
        if (c.udp_flow_idle_seconds() < 1) {
            throw new IllegalArgumentException("udp.flow.idle.seconds must be positive: " + c.udp_flow_idle_seconds());
        }
        if (c.io_threads() < 0 || c.io_threads() > 256) {
            throw new IllegalArgumentException("io.threads must be 0..256: " + c.io_threads());
        }
        CertificateSettings certificates = CertificateSettings.of(c.tls_certificates_dir(),
            c.tls_certificates_password(), c.tls_certificates_scan_seconds());
        notNegative("ws.max.connections.per.address", c.ws_max_connections_per_address());
        notNegative("tcp.max.connections.per.address", c.tcp_max_connections_per_address());
        notNegative("max.connections", c.max_connections());
        notNegative("udp.max.flows", c.udp_max_flows());
        String pub = c.public_address() == null ? "" : c.public_address().trim();
        return new TransportSettings(Map.copyOf(listeners), path, pub, c.max_message_bytes(),
            c.udp_flow_idle_seconds(), c.io_threads(), tls, certificates, c.ws_max_connections_per_address(),
            c.tcp_max_connections_per_address(), c.max_connections(), c.udp_max_flows(), clientTls(c, tlsOptional));
    }

    /** The same settings with another outbound trust (its files changed on disk). */
    TransportSettings withClientTls(ClientTls renewed) {
        return new TransportSettings(listeners, wsPath, publicAddress, maxMessageBytes, udpFlowIdleSeconds, ioThreads, tls,
            certificates, wsMaxConnectionsPerAddress, tcpMaxConnectionsPerAddress, maxConnections, udpMaxFlows, renewed);
    }

    private static void notNegative(String key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(key + " must be 0 (no cap) or more: " + value);
        }
    }

    /** Outbound TLS; at start an unusable trust file or folder leaves the JDK's CAs only (logged), later it rejects the change. */
    private static ClientTls clientTls(TransportConfig c, boolean tlsOptional) {
        try {
            return ClientTls.of(TrustSettings.of(c.tls_trust_file(), c.tls_trust_dir()));
        } catch (IllegalArgumentException e) {
            if (!tlsOptional) {
                throw e;
            }
            LoggerFactory.getLogger(TransportSettings.class).error("{}: outbound TLS trusts the JDK's CAs only", e.getMessage());
            return ClientTls.of(TrustSettings.JDK_ONLY);
        }
    }

    private static ListenerSpec spec(TransportKind kind, InetAddress bind, int port, String key, String path, int max,
                                     TlsIdentity tls) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(key + " must be 0..65535 (0 = off): " + port);
        }
        return new ListenerSpec(kind, new InetSocketAddress(bind, port), path, max, tls);
    }

    private static InetAddress parseAddress(String text) {
        String t = text == null ? "" : text.trim();
        // literal addresses only: a host name would mean a blocking DNS lookup at bind time
        if (!t.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("bind.address must be an IPv4 or IPv6 literal: '" + text + "'");
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind.address is not an address: '" + text + "'");
        }
    }
}
