package org.tabphone.media.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** {@link MediaConfig} checked: bad values are refused with a message naming the key. */
record MediaSettings(int portMin, int portMax, InetAddress bindAddress, InetAddress advertisedAddress,
                     List<InetAddress> iceAddresses, String dtlsCertificate, String dtlsCertificatePassword,
                     int dtlsHandshakeTimeoutSeconds, int threads, int rtpTimeoutSeconds, int stunPort) {

    static MediaSettings from(MediaConfig c) {
        if (c.port_min() < 1024 || c.port_max() > 65535 || c.port_max() - c.port_min() < 3) {
            throw new IllegalArgumentException("port.min/port.max " + c.port_min() + "-" + c.port_max()
                + " must lie within 1024-65535 and hold at least two port pairs");
        }
        if (c.dtls_handshake_timeout_seconds() < 1) {
            throw new IllegalArgumentException("dtls.handshake.timeout.seconds must be at least 1");
        }
        if (c.rtp_timeout_seconds() < 0) {
            throw new IllegalArgumentException("rtp.timeout.seconds must be 0 (never) or more");
        }
        if (c.stun_port() < 0 || c.stun_port() > 65535) {
            throw new IllegalArgumentException("stun.port must be 0 (none) or a UDP port, not " + c.stun_port());
        }
        if (c.threads() < 0) {
            throw new IllegalArgumentException("threads must be 0 (one per core) or more");
        }
        List<InetAddress> ice = new ArrayList<>();
        for (String a : c.ice_addresses().split(",")) {
            if (!a.isBlank()) {
                ice.add(literal("ice.addresses", a.trim()));
            }
        }
        String advertised = c.advertised_address().trim();
        return new MediaSettings(c.port_min(), c.port_max(), literal("bind.address", c.bind_address().trim()),
            advertised.isEmpty() ? null : literal("advertised.address", advertised), List.copyOf(ice),
            c.dtls_certificate().trim(), c.dtls_certificate_password(), c.dtls_handshake_timeout_seconds(),
            c.threads() == 0 ? Runtime.getRuntime().availableProcessors() : c.threads(), c.rtp_timeout_seconds(),
            c.stun_port());
    }

    /** An IP literal only: a host name would mean a DNS lookup per packet path decision. */
    private static InetAddress literal(String key, String value) {
        if (!value.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new IllegalArgumentException(key + " must be an IP address, not '" + value + "'");
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(key + " is not an IP address: '" + value + "'");
        }
    }
}
