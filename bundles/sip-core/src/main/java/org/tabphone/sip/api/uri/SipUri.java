package org.tabphone.sip.api.uri;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.tabphone.sip.api.header.Parameters;
import org.tabphone.sip.internal.parse.CharClass;
import org.tabphone.sip.internal.parse.Percent;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1): {@code sip:user:password@host:port;uri-parameters?headers}.
 *
 * <p>User, password, parameters and headers are kept as on the wire, % escapes included, so the
 * URI is written back exactly; {@link #userDecoded()} resolves the escapes ({@code %00} included:
 * Java strings are not NUL-terminated). An IPv6 host keeps its brackets ({@code [2001:db8::1]}).
 *
 * <p>{@link #equals(Object)} follows RFC 3261 §19.1.4: escaped and unescaped forms of the same
 * characters are equal, host and parameters compare case-insensitively, user and password
 * case-sensitively; a {@code user}, {@code ttl}, {@code method}, {@code maddr} or {@code transport}
 * parameter present in only one URI makes them differ while other parameters present in only one are
 * ignored (transport follows the section's examples rather than its rule list), and header
 * components must match both ways. Because of that rule the relation is not transitive
 * ({@code sip:a;x=1 = sip:a = sip:a;x=2}); don't put SipUris with differing parameters in one hash set
 * and expect set semantics. {@link #hashCode()} is consistent with equals.
 */
public final class SipUri implements Uri {
    private final boolean secure;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final Parameters params;
    private final Parameters headers;
    private String wire; // cached wire form; racy but idempotent on an immutable object

    private SipUri(Builder b) {
        this.secure = b.secure;
        this.user = b.user;
        this.password = b.password;
        this.host = b.host;
        this.port = b.port;
        this.params = b.params;
        this.headers = b.headers;
    }

    /** A builder for a {@code sip:} URI on {@code host} (a name, IPv4 address or bracketed IPv6 reference). */
    public static Builder builder(String host) {
        return new Builder(host);
    }

    /**
     * Parses a sip or sips URI.
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static SipUri parse(String uri) {
        if (Uri.parse(uri) instanceof SipUri sip) {
            return sip;
        }
        throw new IllegalArgumentException("Not a sip or sips URI: " + uri);
    }

    /** A builder initialised with this URI's components. */
    public Builder toBuilder() {
        Builder b = new Builder(host);
        b.secure = secure;
        b.user = user;
        b.password = password;
        b.port = port;
        b.params = params;
        b.headers = headers;
        return b;
    }

    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    /** Whether this is a {@code sips:} URI. */
    public boolean isSecure() {
        return secure;
    }

    /** The user part as on the wire, % escapes kept. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The user part with % escapes resolved (UTF-8); {@code %00} becomes U+0000. */
    public Optional<String> userDecoded() {
        return user == null ? Optional.empty() : Optional.of(Percent.decode(user));
    }

    /** The password as on the wire (RFC 3261 §19.1.1 discourages its use). */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The host: a name, an IPv4 address or an IPv6 reference with its brackets. */
    public String host() {
        return host;
    }

    public OptionalInt port() {
        return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** The uri-parameters, in order, as on the wire. */
    public Parameters params() {
        return params;
    }

    /** The headers component ({@code ?name=value&...}), as on the wire. */
    public Parameters headers() {
        return headers;
    }

    /** The {@code transport} parameter. */
    public Optional<String> transport() {
        return params.get("transport");
    }

    /** The {@code user} parameter (e.g. {@code phone}); named so it is not confused with {@link #user()}. */
    public Optional<String> userParam() {
        return params.get("user");
    }

    /** The {@code maddr} parameter. */
    public Optional<String> maddr() {
        return params.get("maddr");
    }

    /** Whether the {@code lr} (loose routing, RFC 3261 §19.1.1) parameter is present. */
    public boolean lr() {
        return params.has("lr");
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof SipUri other) || other.secure != secure || other.port != port
                || !other.host.equalsIgnoreCase(host)
                || !Objects.equals(decodedOrNull(user), decodedOrNull(other.user))
                || !Objects.equals(decodedOrNull(password), decodedOrNull(other.password))) {
            return false;
        }
        return paramsMatch(params, other.params) && paramsMatch(other.params, params)
                && headersMatch(headers, other.headers) && headersMatch(other.headers, headers);
    }

    /**
     * RFC 3261 §19.1.4: parameters in both must match; user/ttl/method/maddr must not be in one only.
     * transport is treated like them, as the section's own example requires ({@code sip:bob@biloxi.com}
     * differs from {@code sip:bob@biloxi.com;transport=udp}) although its rule list leaves it out.
     */
    private static boolean paramsMatch(Parameters a, Parameters b) {
        for (int i = 0; i < a.size(); i++) {
            String name = Percent.decode(a.name(i)).toLowerCase(Locale.ROOT);
            String mine = a.value(i).map(Percent::decode).orElse(null);
            int j = indexOfDecoded(b, name);
            if (j < 0) {
                if (name.equals("user") || name.equals("ttl") || name.equals("method") || name.equals("maddr")
                        || name.equals("transport")) {
                    return false;
                }
                continue;
            }
            String theirs = b.value(j).map(Percent::decode).orElse(null);
            if (mine == null ? theirs != null : !mine.equalsIgnoreCase(theirs)) {
                return false;
            }
        }
        return true;
    }

    /** Header components are never ignored: each must be present in the other with the same value. */
    private static boolean headersMatch(Parameters a, Parameters b) {
        for (int i = 0; i < a.size(); i++) {
            int j = indexOfDecoded(b, Percent.decode(a.name(i)).toLowerCase(Locale.ROOT));
            if (j < 0 || !Objects.equals(a.value(i).map(Percent::decode), b.value(j).map(Percent::decode))) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfDecoded(Parameters p, String lowerDecodedName) {
        for (int i = 0; i < p.size(); i++) {
            if (Percent.decode(p.name(i)).equalsIgnoreCase(lowerDecodedName)) {
                return i;
            }
        }
        return -1;
    }

    private static String decodedOrNull(String s) {
        return s == null ? null : Percent.decode(s);
    }

    @Override
    public int hashCode() {
        // Only components that always take part in equality.
        return Objects.hash(secure, decodedOrNull(user), host.toLowerCase(Locale.ROOT), port);
    }

    @Override
    public String toString() {
        String s = wire;
        if (s == null) {
            StringBuilder sb = new StringBuilder(32).append(secure ? "sips:" : "sip:");
            if (user != null) {
                sb.append(user);
                if (password != null) {
                    sb.append(':').append(password);
                }
                sb.append('@');
            }
            sb.append(host);
            if (port >= 0) {
                sb.append(':').append(port);
            }
            params.appendTo(sb, ';', ';');
            headers.appendTo(sb, '?', '&');
            wire = s = sb.toString();
        }
        return s;
    }

    /** Builds a {@link SipUri}; components are given in their wire (escaped) form. */
    public static final class Builder {
        private boolean secure;
        private String user;
        private String password;
        private String host;
        private int port = -1;
        private Parameters params = Parameters.empty();
        private Parameters headers = Parameters.empty();

        private Builder(String host) {
            host(host);
        }

        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /** The user part in wire form (% escapes as they should be written), or null for none. */
        public Builder user(String user) {
            if (user != null && (user.isEmpty() || !CharClass.all(user, CharClass.USER))) {
                throw new IllegalArgumentException("Bad URI user part: " + user);
            }
            this.user = user;
            return this;
        }

        /** The user part in plain text; characters not allowed in a user part are %-escaped (UTF-8). */
        public Builder userUnescaped(String plain) {
            return user(plain == null ? null : Percent.encode(plain, CharClass.USER));
        }

        public Builder password(String password) {
            if (password != null && !CharClass.all(password, CharClass.PASSWORD)) {
                throw new IllegalArgumentException("Bad URI password");
            }
            this.password = password;
            return this;
        }

        public Builder host(String host) {
            if (!isHost(host)) {
                throw new IllegalArgumentException("Bad URI host: " + host);
            }
            this.host = host;
            return this;
        }

        /** The port, or -1 for none. */
        public Builder port(int port) {
            if (port < -1 || port > 65535) {
                throw new IllegalArgumentException("Bad port: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder params(Parameters params) {
            this.params = Objects.requireNonNull(params);
            return this;
        }

        /** Sets one uri-parameter (null value for a flag such as {@code lr}). */
        public Builder param(String name, String value) {
            this.params = params.with(name, value);
            return this;
        }

        public Builder headers(Parameters headers) {
            this.headers = Objects.requireNonNull(headers);
            return this;
        }

        public SipUri build() {
            return new SipUri(this);
        }

        private static boolean isHost(String h) {
            if (h == null || h.isEmpty()) {
                return false;
            }
            if (h.charAt(0) == '[') {
                return h.length() > 2 && h.charAt(h.length() - 1) == ']'
                        && h.chars().skip(1).limit(h.length() - 2L)
                                .allMatch(c -> CharClass.is(c, CharClass.HEXDIG) || c == ':' || c == '.');
            }
            return CharClass.all(h, CharClass.HOST);
        }
    }
}
