package org.tabphone.transport.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.tabphone.transport.cfg}. Method {@code udp_port()} is key {@code udp.port}. A port of 0 disables that listener. */
@ObjectClassDefinition(name = "Tabphone SIP transports", description = "SIP listeners (UDP, TCP, WS) and their limits")
public @interface TransportConfig {

    @AttributeDefinition(description = "Address every listener binds to")
    String bind_address() default "0.0.0.0";

    @AttributeDefinition(description = "SIP over UDP port (0 = off)")
    int udp_port() default 5060;

    @AttributeDefinition(description = "SIP over TCP port (0 = off)")
    int tcp_port() default 5060;

    @AttributeDefinition(description = "SIP over TLS port (0 = off)")
    int tls_port() default 5061;

    @AttributeDefinition(description = "SIP over WebSocket port, RFC 7118 (0 = off)")
    int ws_port() default 8080;

    @AttributeDefinition(description = "SIP over secure WebSocket port, RFC 7118 (0 = off)")
    int wss_port() default 8443;

    @AttributeDefinition(description = "PKCS#12 keystore with the certificate and key for TLS and WSS; without it those listeners stay closed")
    String tls_keystore() default "";

    @AttributeDefinition(description = "Password of the keystore (and of its key)")
    String tls_keystore_password() default "changeit";

    @AttributeDefinition(description = "Folder of per-tenant certificates chosen by SNI (PEM chain + key, or PKCS#12); relative = inside Karaf's etc/; empty = none")
    String tls_certificates_dir() default "tabphone/certs";

    @AttributeDefinition(description = "Password of the PKCS#12 files and encrypted PEM keys in the certificates folder")
    String tls_certificates_password() default "changeit";

    @AttributeDefinition(description = "How often the certificates folder and the keystore are checked for changes, in seconds")
    int tls_certificates_scan_seconds() default 2;

    @AttributeDefinition(description = "PEM file of CA certificates that outbound TLS (trunks, endpoints) trusts besides"
        + " the JDK's own; relative = inside Karaf's etc/; empty = none")
    String tls_trust_file() default "";

    @AttributeDefinition(description = "Folder of PEM CA certificates (.pem, .crt, .cer) that outbound TLS trusts besides"
        + " the JDK's own; relative = inside Karaf's etc/; empty = none")
    String tls_trust_dir() default "";

    @AttributeDefinition(description = "WebSocket connections (WS and WSS together) one peer address may hold; 0 = no cap")
    int ws_max_connections_per_address() default 200;

    @AttributeDefinition(description = "TCP and TLS connections (together) one peer address may hold; 0 = no cap")
    int tcp_max_connections_per_address() default 200;

    @AttributeDefinition(description = "Connections accepted on all TCP, TLS, WS and WSS listeners together; 0 = no cap")
    int max_connections() default 100000;

    @AttributeDefinition(description = "HTTP path of the WebSocket endpoint")
    String ws_path() default "/ws";

    @AttributeDefinition(description = "Host name or address put in Via/Contact/Record-Route; empty = the bind address, or this host's first non-loopback address when bound to 0.0.0.0")
    String public_address() default "";

    @AttributeDefinition(description = "Largest SIP message accepted on any transport, in bytes (UDP datagrams up to 65535)")
    int max_message_bytes() default 65535;

    @AttributeDefinition(description = "A UDP flow with no traffic for this many seconds is forgotten")
    int udp_flow_idle_seconds() default 3600;

    @AttributeDefinition(description = "UDP peers remembered at once; datagrams from a new peer beyond it are dropped; 0 = no cap")
    int udp_max_flows() default 200000;

    @AttributeDefinition(description = "Netty I/O threads (0 = 2 x cores); read at start only")
    int io_threads() default 0;
}
