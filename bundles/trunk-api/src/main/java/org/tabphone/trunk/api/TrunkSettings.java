package org.tabphone.trunk.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tabphone.transport.api.TransportKind;

/**
 * One trunk's configuration as a driver and the call bundle see it: an immutable snapshot of
 * {@code org.tabphone.trunk-<name>.cfg}. A call keeps the snapshot it started with.
 *
 * @param host              the provider's proxy (and registrar): an IP address or a name
 * @param port              its port; 0 = not given: SRV records for a name (RFC 3263 §4.2), else
 *                          {@link #defaultPort()}
 * @param transport         the transport everything toward the provider goes on; with {@code autoTransport} only
 *                          the fallback ({@code UDP}, RFC 3263 §4.1) — the driver picks the real one per lookup and
 *                          reports it in {@link OutboundLeg#transport()} and the trunk's status
 * @param domain            the provider's SIP domain (Request-URI, To and the AOR we register); default {@code host}
 * @param username          the account (user part of our AOR and Contact); empty for a static-IP trunk
 * @param authUsername      the digest user name, when it differs from {@code username}
 * @param register          register to the provider (else: a static-IP trunk)
 * @param registerExpires   Expires we ask for, seconds
 * @param inboundAddresses  CIDRs inbound calls come from; empty: the provider host's addresses
 * @param outboundPrefixes  dialled numbers starting with one of these go out on this trunk ("+", "00", "0" ...);
 *                          empty: every number {@code numbers} makes E.164 of
 * @param priority          lower is tried first among trunks that match a number
 * @param callerId          the number shown to the called party (E.164); empty: the caller's user part
 * @param inboundNumbers    DID (E.164 or as the provider sends it) → tenant user it rings
 * @param inboundUser       the user that takes inbound calls whose number has no entry; empty: the dialled user
 * @param properties        the whole configuration, for driver-specific keys
 * @param tlsVerify         over TLS (configured, or chosen by DNS): check the provider's certificate chain against the trusted
 *                          CAs and its name against {@code host} (RFC 5922); false only for lab providers with
 *                          self-signed certificates
 * @param autoTransport     {@code transport = auto}: for a name without a port, the provider's DNS picks the transport
 *                          (RFC 3263 §4.1: NAPTR, else SRV); {@code transport} is UDP, what the RFC uses for an IP
 *                          address, a given port, or a name without NAPTR and SRV records
 */
public record TrunkSettings(String name, String tenant, String driver, String host, int port, TransportKind transport,
                            String domain, String username, String authUsername, String password,
                            boolean register, int registerExpires, List<String> inboundAddresses, Capacity capacity,
                            NumberPlan numbers, List<String> outboundPrefixes, int priority, String callerId,
                            Map<String, String> inboundNumbers, String inboundUser, Map<String, String> properties,
                            boolean tlsVerify, boolean autoTransport) {

    public TrunkSettings {
        inboundAddresses = List.copyOf(inboundAddresses);
        outboundPrefixes = List.copyOf(outboundPrefixes);
        inboundNumbers = Map.copyOf(inboundNumbers);
        properties = Map.copyOf(properties);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
        if (register && username.isEmpty()) {
            throw new IllegalArgumentException("register = true needs a username");
        }
        if (registerExpires < 60) {
            throw new IllegalArgumentException("register.expires below 60 s: " + registerExpires);
        }
        if (autoTransport && transport != TransportKind.UDP) {
            // one meaning for transport() when DNS names nothing: RFC 3263 §4.1's UDP for a SIP URI
            throw new IllegalArgumentException("transport auto falls back to UDP, not " + transport);
        }
    }

    /** As before {@code autoTransport} existed: the configured transport is the one used. */
    public TrunkSettings(String name, String tenant, String driver, String host, int port, TransportKind transport,
                         String domain, String username, String authUsername, String password,
                         boolean register, int registerExpires, List<String> inboundAddresses, Capacity capacity,
                         NumberPlan numbers, List<String> outboundPrefixes, int priority, String callerId,
                         Map<String, String> inboundNumbers, String inboundUser, Map<String, String> properties,
                         boolean tlsVerify) {
        this(name, tenant, driver, host, port, transport, domain, username, authUsername, password, register,
            registerExpires, inboundAddresses, capacity, numbers, outboundPrefixes, priority, callerId, inboundNumbers,
            inboundUser, properties, tlsVerify, false);
    }

    /** As before {@code tlsVerify} existed: the provider's TLS certificate is verified. */
    public TrunkSettings(String name, String tenant, String driver, String host, int port, TransportKind transport,
                         String domain, String username, String authUsername, String password,
                         boolean register, int registerExpires, List<String> inboundAddresses, Capacity capacity,
                         NumberPlan numbers, List<String> outboundPrefixes, int priority, String callerId,
                         Map<String, String> inboundNumbers, String inboundUser, Map<String, String> properties) {
        this(name, tenant, driver, host, port, transport, domain, username, authUsername, password, register,
            registerExpires, inboundAddresses, capacity, numbers, outboundPrefixes, priority, callerId, inboundNumbers,
            inboundUser, properties, true, false);
    }

    /** The user an inbound call to {@code number} rings, if the trunk maps it. */
    public Optional<String> inboundUserFor(String number) {
        String mapped = inboundNumbers.get(number);
        if (mapped == null && !number.startsWith("+")) {
            mapped = inboundNumbers.get("+" + number);
        }
        return Optional.ofNullable(mapped).or(() -> inboundUser.isEmpty() ? Optional.empty() : Optional.of(inboundUser));
    }

    /**
     * The SIP port of the trunk's transport (RFC 3261 §19.1.2): 5061 for TLS, else 5060. With
     * {@code autoTransport}, 5060: the port of the UDP fallback; a looked-up transport brings its own.
     */
    public int defaultPort() {
        return transport == TransportKind.TLS ? 5061 : 5060;
    }

    /** The name the provider's TLS certificate must carry (RFC 5922 §4: the configured host, not an SRV target or address). */
    public String tlsServerName() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The digest user name. */
    public String authUser() {
        return authUsername.isEmpty() ? username : authUsername;
    }

    /** Settings that need a new connection (re-registration) when they change. */
    public boolean sameConnection(TrunkSettings other) {
        return driver.equals(other.driver) && host.equals(other.host) && port == other.port
            && transport == other.transport && autoTransport == other.autoTransport && domain.equals(other.domain)
            && username.equals(other.username) && authUsername.equals(other.authUsername) && password.equals(other.password)
            && register == other.register && registerExpires == other.registerExpires
            && inboundAddresses.equals(other.inboundAddresses) && tlsVerify == other.tlsVerify;
    }

    /** The same account at the same registrar: a reconnect takes the binding over instead of unregistering it. */
    public boolean sameAccount(TrunkSettings other) {
        return driver.equals(other.driver) && host.equals(other.host) && port == other.port
            && transport == other.transport && autoTransport == other.autoTransport && domain.equals(other.domain)
            && username.equals(other.username) && register && other.register;
    }

    @Override
    public String toString() {
        return "trunk " + name + " (" + tenant + ", " + driver + " " + host + (port == 0 ? "" : ":" + port) + ")"; // never the password
    }
}
