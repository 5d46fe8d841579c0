package org.tabphone.call.internal.b2bua;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.sip.api.uri.TelUri;
import org.tabphone.sip.api.uri.Uri;
import org.tabphone.tenant.api.SipUser;
import org.tabphone.tenant.api.Tenant;

/**
 * Who a REFER's Refer-To names, within the call's tenant: an extension ({@code sip:1001@…},
 * {@code tel:1001}) or a colleague by name — {@code sip:alice@…} or {@code "Alice" <sip:x@…>}
 * finds the user whose display name is Alice ("transfer to Alice"), ignoring case, dots and
 * underscores. Targets outside the tenant are not dialled: the gateway never sends a transfer back
 * into itself or to a host it would have to look up.
 */
final class TransferTargets {
    private TransferTargets() {
    }

    /** The tenant user the Refer-To names, if any. */
    static Optional<SipUser> resolve(Tenant tenant, NameAddress referTo) {
        Uri uri = referTo.uri();
        String user = null;
        if (uri instanceof SipUri sip) {
            if (!ownedBy(tenant, sip.host())) {
                return Optional.empty();
            }
            user = sip.userDecoded().orElse(null);
        } else if (uri instanceof TelUri tel) {
            user = tel.digits();
        }
        if (user != null && !user.isEmpty()) {
            Optional<SipUser> byId = tenant.user(user);
            if (byId.isPresent()) {
                return byId;
            }
            Optional<SipUser> byName = byDisplayName(tenant.users(), user);
            if (byName.isPresent()) {
                return byName;
            }
        }
        return referTo.displayName().flatMap(name -> byDisplayName(tenant.users(), name));
    }

    private static boolean ownedBy(Tenant tenant, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return tenant.domains().contains(h) || tenant.isFallback();
    }

    /** "alice", "Alice", "alice smith" and "Alice.Smith" all find "Alice Smith"; a first name alone finds it when unique. */
    static Optional<SipUser> byDisplayName(List<SipUser> users, String wanted) {
        String w = normalise(wanted);
        if (w.isEmpty()) {
            return Optional.empty();
        }
        for (SipUser u : users) {
            if (normalise(u.displayName()).equals(w)) {
                return Optional.of(u);
            }
        }
        List<SipUser> firstNames = users.stream()
            .filter(u -> normalise(u.displayName()).split(" ")[0].equals(w)).toList();
        return firstNames.size() == 1 ? Optional.of(firstNames.get(0)) : Optional.empty();
    }

    private static String normalise(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[._\\-\\s]+", " ").trim();
    }
}
