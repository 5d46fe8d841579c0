package org.tabphone.sip.api.header;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.tabphone.sip.api.SipParseException;
import org.tabphone.sip.internal.parse.CharClass;
import org.tabphone.sip.internal.parse.ViaParser;

/**
 * One Via header value (RFC 3261 §20.42, §18.2.1, RFC 3581 rport):
 * {@code SIP/2.0/UDP host:port;branch=z9hG4bK...;received=...;rport}.
 * The transport is any token ({@code UDP}, {@code WSS}, {@code SCTP}, or one nobody knows).
 */
public final class Via implements HeaderValue {
    /** RFC 3261 §8.1.1.7: branches of RFC 3261 elements start with this magic cookie. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private final String protocolName;
    private final String protocolVersion;
    private final String transport;
    private final String host;
    private final int port;
    private final Parameters params;

    private Via(String protocolName, String protocolVersion, String transport, String host, int port,
            Parameters params) {
        this.protocolName = protocolName;
        this.protocolVersion = protocolVersion;
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.params = params;
    }

    /**
     * A {@code SIP/2.0/<transport>} Via.
     *
     * @param port the port, or -1 for none
     */
    public static Via of(String transport, String host, int port, Parameters params) {
        return of("SIP", "2.0", transport, host, port, params);
    }

    /**
     * A Via with every component given.
     *
     * @param port the port, or -1 for none
     * @throws IllegalArgumentException if a component could not be written back as a valid Via
     */
    public static Via of(String protocolName, String protocolVersion, String transport, String host, int port,
            Parameters params) {
        if (!CharClass.isToken(protocolName) || !CharClass.isToken(protocolVersion) || !CharClass.isToken(transport)) {
            throw new IllegalArgumentException("Via protocol components must be tokens");
        }
        if (host.isEmpty() || !(CharClass.all(host, CharClass.HOST) || isIpv6Reference(host))) {
            throw new IllegalArgumentException("Bad Via host: " + host);
        }
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("Bad Via port: " + port);
        }
        return new Via(protocolName, protocolVersion, transport, host, port, Objects.requireNonNull(params));
    }

    /**
     * Parses one Via value (not a comma-separated list).
     *
     * @throws IllegalArgumentException if it is not a valid via-parm
     */
    public static Via parse(String value) {
        try {
            return ViaParser.parseViaParm(value);
        } catch (SipParseException e) {
            throw new IllegalArgumentException(e.reason(), e);
        }
    }

    public String protocolName() {
        return protocolName;
    }

    public String protocolVersion() {
        return protocolVersion;
    }

    /** The transport token as written, e.g. {@code UDP}, {@code WSS}. */
    public String transport() {
        return transport;
    }

    /** The sent-by host; an IPv6 reference keeps its brackets. */
    public String host() {
        return host;
    }

    /** The sent-by port. */
    public OptionalInt port() {
        return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    public Parameters params() {
        return params;
    }

    public Optional<String> branch() {
        return params.get("branch");
    }

    /**
     * Whether the branch is an RFC 3261 transaction id: it starts with {@link #MAGIC_COOKIE} and has
     * something after it (RFC 4475 §3.2.1: a bare cookie is not one).
     */
    public boolean isRfc3261Branch() {
        String b = params.valueOrNull("branch");
        return b != null && b.length() > MAGIC_COOKIE.length() && b.startsWith(MAGIC_COOKIE);
    }

    public Optional<String> received() {
        return params.get("received");
    }

    public Optional<String> maddr() {
        return params.get("maddr");
    }

    /** Whether an {@code rport} parameter is present, with or without a value (RFC 3581). */
    public boolean hasRport() {
        return params.has("rport");
    }

    /** The {@code rport} value filled in by the server; empty when absent, a flag or not a number. */
    public OptionalInt rport() {
        String v = params.valueOrNull("rport");
        if (v == null || v.isEmpty() || v.length() > 5 || !CharClass.all(v, CharClass.DIGIT)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(v));
    }

    /** A copy with {@code name} set (null value for a flag). */
    public Via withParam(String name, String value) {
        return new Via(protocolName, protocolVersion, transport, host, port, params.with(name, value));
    }

    /** A copy with {@code received} set (RFC 3261 §18.2.1). */
    public Via withReceived(String address) {
        return withParam("received", address);
    }

    /** A copy with {@code rport} set to the source port (RFC 3581 §4). */
    public Via withRport(int sourcePort) {
        return withParam("rport", Integer.toString(sourcePort));
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Via v && v.port == port && v.protocolName.equalsIgnoreCase(protocolName)
                && v.protocolVersion.equals(protocolVersion) && v.transport.equalsIgnoreCase(transport)
                && v.host.equalsIgnoreCase(host) && v.params.equals(params));
    }

    @Override
    public int hashCode() {
        return Objects.hash(transport.toUpperCase(java.util.Locale.ROOT), host.toLowerCase(java.util.Locale.ROOT),
                port, params);
    }

    /** {@code SIP/2.0/UDP host:port;params}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64).append(protocolName).append('/').append(protocolVersion)
                .append('/').append(transport).append(' ').append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        params.appendTo(sb, ';', ';');
        return sb.toString();
    }

    private static boolean isIpv6Reference(String h) {
        if (h.length() < 3 || h.charAt(0) != '[' || h.charAt(h.length() - 1) != ']') {
            return false;
        }
        for (int i = 1; i < h.length() - 1; i++) {
            char c = h.charAt(i);
            if (!CharClass.is(c, CharClass.HEXDIG) && c != ':' && c != '.') {
                return false;
            }
        }
        return true;
    }
}
