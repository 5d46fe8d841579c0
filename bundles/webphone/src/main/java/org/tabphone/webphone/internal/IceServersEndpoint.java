package org.tabphone.webphone.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.sip.api.auth.DigestAlgorithm;
import org.tabphone.tenant.api.IceServers;
import org.tabphone.tenant.api.SipUser;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;
import org.tabphone.transport.api.StaticResources;

/**
 * {@code GET /phone/ice.json} over HTTPS with {@code Authorization: Basic base64(user@domain:password)}
 * (the softphone's own SIP credentials, checked against the tenant's HA1, never stored): the
 * tenant's STUN servers and TURN servers with fresh ephemeral credentials, as an RTCConfiguration
 * {@code iceServers} list. Wrong credentials get 401 without a challenge, so no browser prompt.
 */
@Component(service = StaticResources.class, property = StaticResources.PATH + "=" + IceServersEndpoint.PATH)
public final class IceServersEndpoint implements StaticResources {
    static final String PATH = "/phone/ice.json";
    private static final Logger LOG = LoggerFactory.getLogger(IceServersEndpoint.class);
    private static final String JSON = "application/json; charset=utf-8";

    private final TenantDirectory tenants;

    @Activate
    public IceServersEndpoint(@Reference TenantDirectory tenants) {
        this.tenants = tenants;
    }

    /** The placeholder in ICE server URLs for the name the browser used to reach the gateway. */
    static final String HOST = "{host}";

    @Override
    public Optional<StaticResource> resource(String path) {
        return Optional.empty(); // only answer(): the reply depends on who asks
    }

    @Override
    public Reply answer(Request request) {
        if (!request.path().equals("/")) {
            return Reply.NOT_FOUND;
        }
        Optional<Caller> caller = Caller.of(request.headers().get("authorization"));
        Optional<Tenant> tenant = caller.flatMap(c -> tenants.byDomain(c.domain()));
        Optional<SipUser> user = tenant.flatMap(t -> t.user(caller.get().user()));
        if (user.isEmpty() || !passwordMatches(tenant.get(), user.get(), caller.get().password())) {
            LOG.info("ICE servers refused to {}: {}", request.client(), caller.isEmpty() ? "no Basic credentials"
                : "wrong user or password for " + caller.get().user() + "@" + caller.get().domain());
            return new Reply(401, "{\"error\":\"wrong user or password\"}\n".getBytes(StandardCharsets.UTF_8), JSON);
        }
        return new Reply(200, json(tenant.get().iceServers(), user.get().username(), Instant.now(),
            hostOf(request.headers().get("host"))).getBytes(StandardCharsets.UTF_8), JSON);
    }

    /** The password against the stored HA1 (MD5 if the user has one, else SHA-256), in constant time. */
    private static boolean passwordMatches(Tenant t, SipUser u, String password) {
        for (DigestAlgorithm alg : new DigestAlgorithm[] {DigestAlgorithm.MD5, DigestAlgorithm.SHA_256}) {
            Optional<String> stored = u.ha1(alg);
            if (stored.isPresent()) {
                String ha1 = alg.ha1(u.username(), t.realm(), password);
                return MessageDigest.isEqual(ha1.getBytes(StandardCharsets.US_ASCII),
                    stored.get().getBytes(StandardCharsets.US_ASCII));
            }
        }
        return false;
    }

    /**
     * The RTCConfiguration's ICE servers; {@value #HOST} in a URL becomes {@code host}, the name the
     * page reached the gateway by — so {@code stun:{host}:3478} points each browser at the gateway's own
     * STUN server under the name it already resolves.
     */
    static String json(IceServers ice, String user, Instant now, String host) {
        List<String> servers = new ArrayList<>();
        if (!ice.stunUrls().isEmpty()) {
            servers.add("{\"urls\":" + array(ice.stunUrls(), host) + "}");
        }
        ice.turnCredential(user, now).ifPresent(c -> servers.add("{\"urls\":" + array(ice.turnUrls(), host)
            + ",\"username\":" + quote(c.username()) + ",\"credential\":" + quote(c.password()) + "}"));
        return "{\"iceServers\":[" + String.join(",", servers) + "]}\n";
    }

    private static String array(List<String> values, String host) {
        List<String> q = values.stream().map(v -> quote(v.replace(HOST, host))).toList();
        return "[" + String.join(",", q) + "]";
    }

    /**
     * The Host header's name without its port (an IPv6 literal keeps its brackets); a header that is
     * no plain host name or address falls back to 127.0.0.1 rather than reaching a URL.
     */
    static String hostOf(String header) {
        String h = header == null ? "" : header.trim();
        String name = h.startsWith("[") ? h.substring(0, h.indexOf(']') + 1) : h.split(":", 2)[0];
        return name.matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+]") ? name : "127.0.0.1";
    }

    /** URLs, user names and Base64 need no escapes beyond these. */
    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Basic credentials {@code user@domain:password} (RFC 7617). */
    record Caller(String user, String domain, String password) {
        static Optional<Caller> of(String authorization) {
            if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return Optional.empty();
            }
            String plain;
            try {
                plain = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = plain.indexOf(':');
            int at = colon < 0 ? -1 : plain.lastIndexOf('@', colon);
            if (at <= 0 || at == colon - 1) {
                return Optional.empty();
            }
            return Optional.of(new Caller(plain.substring(0, at), plain.substring(at + 1, colon), plain.substring(colon + 1)));
        }
    }
}
