package org.tabphone.media.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.tabphone.media.cfg}. */
@ObjectClassDefinition(name = "Tabphone media", description = "Media ports, addresses and DTLS for anchored calls")
public @interface MediaConfig {
    @AttributeDefinition(description = "Lowest media port (RTP on even ports, RTCP on the odd one above)")
    int port_min() default 20000;

    @AttributeDefinition(description = "Highest media port")
    int port_max() default 29999;

    @AttributeDefinition(description = "Address the media ports bind to")
    String bind_address() default "0.0.0.0";

    @AttributeDefinition(description = "Address written in SDP for every leg (a public address behind 1:1 NAT);"
        + " empty: for each peer, the local address that routes to it")
    String advertised_address() default "";

    @AttributeDefinition(description = "Extra addresses announced to browsers as ICE host candidates (comma-separated),"
        + " e.g. the public address of a NAT in front of the gateway")
    String ice_addresses() default "";

    @AttributeDefinition(description = "PKCS#12 file with the DTLS certificate and key; empty: an ECDSA P-256"
        + " certificate generated at start")
    String dtls_certificate() default "";

    @AttributeDefinition(description = "Password of the DTLS PKCS#12 file", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String dtls_certificate_password() default "";

    @AttributeDefinition(description = "How long a DTLS handshake may take before the leg fails (s)")
    int dtls_handshake_timeout_seconds() default 10;

    @AttributeDefinition(description = "Media I/O threads; 0: one per core")
    int threads() default 0;

    @AttributeDefinition(description = "An answered call ends when one side sends no RTP for this long (s), unless it"
        + " is on hold; 0: never")
    int rtp_timeout_seconds() default 60;

    @AttributeDefinition(description = "UDP port of the gateway's STUN server (binding requests, RFC 8489), on bind.address;"
        + " 0: none")
    int stun_port() default 3478;
}
