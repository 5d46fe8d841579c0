package org.tabphone.sdp.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.tabphone.sdp.internal.parse.SdpChars;

/**
 * An ICE candidate, {@code a=candidate:...} (RFC 8839 §5.1):
 * {@code <foundation> <component-id> <transport> <priority> <address> <port> typ <type>
 * [raddr <addr>] [rport <port>] *(<extension-name> <extension-value>)}, e.g.
 * {@code 1 1 udp 2130706431 192.0.2.1 40000 typ host generation 0}.
 *
 * <p>Extensions ({@code generation}, {@code network-id}, {@code tcptype}, ...) are kept in order.
 */
public final class Candidate {
    private final String foundation;
    private final int component;
    private final String transport;
    private final long priority;
    private final String address;
    private final int port;
    private final String type;
    private final String relatedAddress;
    private final int relatedPort;
    private final Map<String, String> extensions;

    private Candidate(Builder b) {
        this.foundation = b.foundation;
        this.component = b.component;
        this.transport = b.transport;
        this.priority = b.priority;
        this.address = b.address;
        this.port = b.port;
        this.type = b.type;
        this.relatedAddress = b.relatedAddress;
        this.relatedPort = b.relatedPort;
        this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(b.extensions));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.foundation = foundation;
        b.component = component;
        b.transport = transport;
        b.priority = priority;
        b.address = address;
        b.port = port;
        b.type = type;
        b.relatedAddress = relatedAddress;
        b.relatedPort = relatedPort;
        b.extensions.putAll(extensions);
        return b;
    }

    /**
     * Parses a candidate attribute value (a leading {@code candidate:}, as the JavaScript API writes
     * it, is also accepted).
     *
     * @return empty when it is malformed
     */
    public static Optional<Candidate> parse(String value) {
        String v = value;
        if (v.regionMatches(true, 0, "candidate:", 0, 10)) {
            v = v.substring(10);
        }
        String[] f = SdpChars.fields(v);
        if (f.length < 8 || (f.length - 8) % 2 != 0 || !f[6].equalsIgnoreCase("typ")) {
            return Optional.empty();
        }
        Builder b = new Builder();
        b.foundation = f[0];
        b.component = SdpChars.parseUnsigned(f[1], 256);
        b.transport = f[2];
        b.priority = SdpChars.parseUnsigned(f[3]);
        b.address = f[4];
        b.port = SdpChars.parseUnsigned(f[5], 65535);
        b.type = f[7];
        if (b.foundation.indexOf(':') >= 0 || b.component < 1 || b.priority < 0 || b.priority > 0xFFFF_FFFFL
                || b.port < 0) {
            return Optional.empty();
        }
        for (int i = 8; i < f.length; i += 2) {
            String name = f[i];
            String val = f[i + 1];
            if (name.equalsIgnoreCase("raddr") && b.relatedAddress == null && b.extensions.isEmpty()) {
                b.relatedAddress = val;
            } else if (name.equalsIgnoreCase("rport") && b.relatedPort < 0 && b.extensions.isEmpty()) {
                b.relatedPort = SdpChars.parseUnsigned(val, 65535);
                if (b.relatedPort < 0) {
                    return Optional.empty();
                }
            } else if (b.extensions.containsKey(name)) {
                return Optional.empty(); // written twice: cannot be kept in a map
            } else {
                b.extensions.put(name, val);
            }
        }
        return Optional.of(new Candidate(b));
    }

    public String foundation() {
        return foundation;
    }

    /** 1 for RTP, 2 for RTCP. */
    public int component() {
        return component;
    }

    /** {@code udp} (or {@code UDP}, {@code tcp}), as written. */
    public String transport() {
        return transport;
    }

    public long priority() {
        return priority;
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    /** {@code host}, {@code srflx}, {@code prflx} or {@code relay}, as written. */
    public String type() {
        return type;
    }

    public Optional<String> relatedAddress() {
        return Optional.ofNullable(relatedAddress);
    }

    public OptionalInt relatedPort() {
        return relatedPort < 0 ? OptionalInt.empty() : OptionalInt.of(relatedPort);
    }

    /** Extension attributes in order, e.g. {@code generation -> 0}, {@code tcptype -> active}. */
    public Map<String, String> extensions() {
        return extensions;
    }

    /** Whether the transport is UDP. */
    public boolean isUdp() {
        return transport.equalsIgnoreCase("udp");
    }

    /** The attribute value, without {@code candidate:}. */
    public String encode() {
        StringBuilder sb = new StringBuilder(96);
        sb.append(foundation).append(' ').append(component).append(' ').append(transport).append(' ')
                .append(priority).append(' ').append(address).append(' ').append(port).append(" typ ").append(type);
        if (relatedAddress != null) {
            sb.append(" raddr ").append(relatedAddress);
        }
        if (relatedPort >= 0) {
            sb.append(" rport ").append(relatedPort);
        }
        extensions.forEach((k, v) -> sb.append(' ').append(k).append(' ').append(v));
        return sb.toString();
    }

    /** {@code a=candidate:...}. */
    public Attribute toAttribute() {
        return Attribute.of("candidate", encode());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Candidate c && component == c.component && priority == c.priority && port == c.port
                && relatedPort == c.relatedPort && foundation.equals(c.foundation) && transport.equals(c.transport)
                && address.equals(c.address) && type.equals(c.type) && Objects.equals(relatedAddress, c.relatedAddress)
                && new ArrayList<>(extensions.entrySet()).equals(new ArrayList<>(c.extensions.entrySet()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(foundation, component, transport, priority, address, port, type, relatedAddress,
                relatedPort, extensions);
    }

    @Override
    public String toString() {
        return "a=candidate:" + encode();
    }

    /** Builds a candidate; foundation, component, transport, priority, address, port and type are required. */
    public static final class Builder {
        private String foundation;
        private int component = 1;
        private String transport = "udp";
        private long priority = -1;
        private String address;
        private int port = -1;
        private String type;
        private String relatedAddress;
        private int relatedPort = -1;
        private final Map<String, String> extensions = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * RFC 8839 says 1 to 32 characters of {@code ALPHA / DIGIT / "+" / "/"}; any field without a
         * colon is accepted.
         */
        public Builder foundation(String foundation) {
            if (foundation != null && foundation.indexOf(':') >= 0) {
                throw new IllegalArgumentException("Bad candidate foundation");
            }
            this.foundation = field(foundation, "foundation");
            return this;
        }

        /** 1 (RTP, the default) or 2 (RTCP), at most 256. */
        public Builder component(int component) {
            if (component < 1 || component > 256) {
                throw new IllegalArgumentException("Component out of range: " + component);
            }
            this.component = component;
            return this;
        }

        /** Default {@code udp}. */
        public Builder transport(String transport) {
            this.transport = field(transport, "transport");
            return this;
        }

        /** 1 to 2^31-1 per RFC 8445 §5.1.2. */
        public Builder priority(long priority) {
            if (priority < 0 || priority > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("Priority out of range: " + priority);
            }
            this.priority = priority;
            return this;
        }

        public Builder address(String address) {
            this.address = field(address, "address");
            return this;
        }

        public Builder port(int port) {
            this.port = BuilderSupport.checkPort(port);
            return this;
        }

        /** {@code host}, {@code srflx}, {@code prflx} or {@code relay}. */
        public Builder type(String type) {
            this.type = field(type, "type");
            return this;
        }

        /** The related address ({@code raddr}); null for none. */
        public Builder relatedAddress(String relatedAddress) {
            this.relatedAddress = relatedAddress == null ? null : field(relatedAddress, "raddr");
            return this;
        }

        /** The related port ({@code rport}); -1 for none. */
        public Builder relatedPort(int relatedPort) {
            this.relatedPort = relatedPort == -1 ? -1 : BuilderSupport.checkPort(relatedPort);
            return this;
        }

        /** Adds or replaces an extension attribute, e.g. {@code generation 0}. */
        public Builder extension(String name, String value) {
            String n = field(name, "extension name");
            if (n.equalsIgnoreCase("raddr") || n.equalsIgnoreCase("rport") || n.equalsIgnoreCase("typ")) {
                throw new IllegalArgumentException("Not an extension: " + n);
            }
            extensions.put(n, field(value, "extension value"));
            return this;
        }

        public Builder removeExtension(String name) {
            extensions.remove(name);
            return this;
        }

        /** @throws IllegalStateException if a required field is missing */
        public Candidate build() {
            if (foundation == null || priority < 0 || address == null || port < 0 || type == null) {
                throw new IllegalStateException("Candidate needs foundation, priority, address, port and type");
            }
            return new Candidate(this);
        }

        private static String field(String s, String what) {
            if (!SdpChars.isField(s)) {
                throw new IllegalArgumentException("Bad candidate " + what);
            }
            return s;
        }
    }
}
