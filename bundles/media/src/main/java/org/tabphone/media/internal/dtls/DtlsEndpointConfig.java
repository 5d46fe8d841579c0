package org.tabphone.media.internal.dtls;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.tabphone.media.internal.srtp.SrtpProfile;

/**
 * Immutable options shared by the {@link DtlsEndpoint}s of a media component. Build once per
 * configuration snapshot: {@code DtlsEndpointConfig.builder(certificate).build()}.
 */
public final class DtlsEndpointConfig {

    /** Default handshake timeout; retransmission inside it is Bouncy Castle's (1 s, doubling). */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** Default: AEAD_AES_128_GCM preferred, then AES128_CM_HMAC_SHA1_80. */
    public static final List<SrtpProfile> DEFAULT_PROFILES =
        List.of(SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES128_CM_HMAC_SHA1_80);
    /** Default largest datagram we send; handshake messages are fragmented to fit (RFC 6347 4.1.1.1). */
    public static final int DEFAULT_MAX_DATAGRAM_SIZE = 1200;
    /** Default number of inbound datagrams buffered for the handshake thread. */
    public static final int DEFAULT_RECEIVE_QUEUE_CAPACITY = 64;

    private final DtlsCertificate certificate;
    private final Duration handshakeTimeout;
    private final List<SrtpProfile> profiles;
    private final int maxDatagramSize;
    private final int receiveQueueCapacity;
    private final SecureRandom secureRandom;

    private DtlsEndpointConfig(Builder b) {
        this.certificate = b.certificate;
        this.handshakeTimeout = b.handshakeTimeout;
        this.profiles = b.profiles;
        this.maxDatagramSize = b.maxDatagramSize;
        this.receiveQueueCapacity = b.receiveQueueCapacity;
        this.secureRandom = b.secureRandom != null ? b.secureRandom : new SecureRandom();
    }

    public static Builder builder(DtlsCertificate certificate) {
        return new Builder(certificate);
    }

    public DtlsCertificate certificate() {
        return certificate;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** SRTP profiles in our order of preference (the server picks the first one the client offers). */
    public List<SrtpProfile> profiles() {
        return profiles;
    }

    public int maxDatagramSize() {
        return maxDatagramSize;
    }

    public int receiveQueueCapacity() {
        return receiveQueueCapacity;
    }

    SecureRandom secureRandom() {
        return secureRandom;
    }

    /** Builder; every setter validates its argument. */
    public static final class Builder {
        private final DtlsCertificate certificate;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private List<SrtpProfile> profiles = DEFAULT_PROFILES;
        private int maxDatagramSize = DEFAULT_MAX_DATAGRAM_SIZE;
        private int receiveQueueCapacity = DEFAULT_RECEIVE_QUEUE_CAPACITY;
        private SecureRandom secureRandom;

        private Builder(DtlsCertificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
        }

        public Builder handshakeTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("handshake timeout out of range: " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        public Builder profiles(List<SrtpProfile> profiles) {
            if (profiles.isEmpty()) {
                throw new IllegalArgumentException("at least one SRTP profile is required");
            }
            this.profiles = List.copyOf(profiles);
            return this;
        }

        public Builder maxDatagramSize(int bytes) {
            if (bytes < 256 || bytes > 65507) {
                throw new IllegalArgumentException("max datagram size out of range: " + bytes);
            }
            this.maxDatagramSize = bytes;
            return this;
        }

        public Builder receiveQueueCapacity(int datagrams) {
            if (datagrams < 4) {
                throw new IllegalArgumentException("receive queue capacity too small: " + datagrams);
            }
            this.receiveQueueCapacity = datagrams;
            return this;
        }

        public Builder secureRandom(SecureRandom random) {
            this.secureRandom = Objects.requireNonNull(random, "random");
            return this;
        }

        public DtlsEndpointConfig build() {
            return new DtlsEndpointConfig(this);
        }
    }
}
