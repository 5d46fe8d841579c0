package org.tabphone.acl.api;

import java.util.Locale;
import java.util.Optional;

import org.tabphone.transport.api.TransportKind;

/**
 * One rule: {@code <allow|deny> <cidr|any> [REGISTER|INVITE|any] [udp|tcp|tls|ws|wss|any]}, e.g.
 * {@code deny 198.51.100.0/24 REGISTER udp}. A bare address is a /32 (/128); the address must be a
 * literal (never a host name: no DNS on the request path).
 *
 * @param allow     true for allow, false for deny
 * @param network   address and prefix length as written ({@code any} matches every source)
 * @param method    the method it applies to, empty for any
 * @param transport the transport it applies to, empty for any
 */
public record AclRule(boolean allow, String network, Optional<String> method, Optional<TransportKind> transport) {

    /** Methods a rule can name: the ones the access control applies to. */
    public static final java.util.Set<String> METHODS = java.util.Set.of("REGISTER", "INVITE");

    public AclRule {
        if (!CidrText.isValid(network)) {
            throw new IllegalArgumentException("not a CIDR network or address: '" + network + "'");
        }
        method.ifPresent(m -> {
            if (!METHODS.contains(m)) {
                throw new IllegalArgumentException("method must be REGISTER, INVITE or any: '" + m + "'");
            }
        });
    }

    /** Parses the text form; throws {@link IllegalArgumentException} saying what is wrong. */
    public static AclRule parse(String text) {
        String[] w = text.trim().split("\\s+");
        if (w.length < 2 || w.length > 4) {
            throw new IllegalArgumentException("rule '" + text.trim()
                + "': expected <allow|deny> <cidr|any> [REGISTER|INVITE|any] [udp|tcp|tls|ws|wss|any]");
        }
        boolean allow = switch (w[0].toLowerCase(Locale.ROOT)) {
            case "allow" -> true;
            case "deny" -> false;
            default -> throw new IllegalArgumentException("rule '" + text.trim() + "' must start with allow or deny");
        };
        Optional<String> method = Optional.empty();
        Optional<TransportKind> transport = Optional.empty();
        for (int i = 2; i < w.length; i++) {
            String u = w[i].toUpperCase(Locale.ROOT);
            if (u.equals("ANY")) {
                continue;
            }
            if (METHODS.contains(u) && method.isEmpty()) {
                method = Optional.of(u);
                continue;
            }
            try {
                if (transport.isPresent()) {
                    throw new IllegalArgumentException();
                }
                transport = Optional.of(TransportKind.valueOf(u));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule '" + text.trim() + "': '" + w[i]
                    + "' is neither a method (REGISTER, INVITE, any) nor a transport (udp, tcp, tls, ws, wss, any)");
            }
        }
        return new AclRule(allow, w[1].toLowerCase(Locale.ROOT), method, transport);
    }

    /** The text form, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return (allow ? "allow " : "deny ") + network + " " + method.orElse("any") + " "
            + transport.map(t -> t.name().toLowerCase(Locale.ROOT)).orElse("any");
    }
}
