package org.tabphone.call.internal.b2bua;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.auth.DigestAlgorithm;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.tenant.api.DigestAuthenticator;
import org.tabphone.tenant.api.DigestNonces;
import org.tabphone.tenant.api.SipUser;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;

/**
 * Callers who say they are one of a tenant's users prove it (RFC 3261 §22.3: 407 with
 * Proxy-Authenticate, one challenge per algorithm of that tenant, RFC 8760): the From of an
 * INVITE naming a user of the tenant that owns its domain. Other callers — a desk phone or trunk
 * calling in with its own identity — are not challenged: they can only reach the tenant's users.
 */
final class CallerAuthentication {
    private static final Logger LOG = LoggerFactory.getLogger(CallerAuthentication.class);
    private static final long NONCE_LIFETIME_MILLIS = 300_000;
    /** As the registrar's default: MD5 last, since JsSIP and SIP.js answer only the last challenge. */
    private static final List<DigestAlgorithm> DEFAULT_ALGORITHMS = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);

    private final TenantDirectory tenants;
    private final DigestAuthenticator digest = new DigestAuthenticator(new DigestNonces());

    CallerAuthentication(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    /** What the check found: the caller may go on (as a proven tenant user, or anonymously), or gets a response. */
    sealed interface Verdict {
        /** Go on; {@code user} is set when the caller proved to be that user of {@code tenant}. */
        record Proceed(Optional<String> tenant, Optional<String> user) implements Verdict {
            static final Proceed ANONYMOUS = new Proceed(Optional.empty(), Optional.empty());

            /** The proven user, when it belongs to {@code callTenant} (only they may call out on its trunks). */
            Optional<String> userOf(String callTenant) {
                return tenant.filter(callTenant::equals).flatMap(t -> user);
            }
        }

        /** Send this (407, 403, 400) instead of routing the INVITE. */
        record Refuse(SipResponse response) implements Verdict {
        }
    }

    Verdict check(SipRequest invite) {
        if (!(invite.from().uri() instanceof SipUri from) || from.user().isEmpty()) {
            return Verdict.Proceed.ANONYMOUS;
        }
        Optional<Tenant> tenant = tenants.byDomain(from.host());
        String user = from.userDecoded().orElse("");
        if (tenant.isEmpty() || tenant.get().user(user).isEmpty()) {
            return Verdict.Proceed.ANONYMOUS;
        }
        Tenant t = tenant.get();
        long now = System.currentTimeMillis();
        DigestAuthenticator.Outcome outcome = digest.check(invite, HeaderName.PROXY_AUTHORIZATION, t, now,
            NONCE_LIFETIME_MILLIS);
        if (outcome instanceof DigestAuthenticator.Outcome.Authenticated a) {
            SipUser who = a.user();
            return who.username().equals(user) ? new Verdict.Proceed(Optional.of(t.name()), Optional.of(user))
                : refuse(invite, 403, "User " + who.username() + " may not call as " + user);
        }
        if (outcome instanceof DigestAuthenticator.Outcome.Challenge c) {
            SipResponse.Builder b = SipResponse.uasReplyTo(invite, 407);
            List<DigestAlgorithm> algorithms = t.digestAlgorithms().isEmpty() ? DEFAULT_ALGORITHMS : t.digestAlgorithms();
            for (String ch : digest.challenges(t, c.stale(), now, algorithms)) {
                b.add(HeaderName.PROXY_AUTHENTICATE, ch);
            }
            return new Verdict.Refuse(b.build());
        }
        if (outcome instanceof DigestAuthenticator.Outcome.Malformed m) {
            return refuse(invite, 400, m.reason());
        }
        LOG.warn("INVITE as {}@{} from {}: wrong credentials", user, t.name(), invite.topVia());
        return refuse(invite, 403, "Wrong credentials");
    }

    private static Verdict refuse(SipRequest r, int code, String reason) {
        return new Verdict.Refuse(SipResponse.uasReplyTo(r, code).reasonPhrase(reason).build());
    }
}
