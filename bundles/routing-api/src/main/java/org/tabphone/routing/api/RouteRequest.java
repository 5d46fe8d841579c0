package org.tabphone.routing.api;

import java.util.Optional;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.tenant.api.Tenant;

/**
 * A new call to route.
 *
 * @param tenant   the tenant owning the Request-URI's domain, or the trunk's tenant
 * @param invite   the caller's INVITE as received
 * @param caller   the authenticated calling user of that tenant, when the caller authenticated
 * @param trunk    the trunk the call came in on, when it came from a trunk's provider
 */
public record RouteRequest(Tenant tenant, SipRequest invite, Optional<String> caller, Optional<FromTrunk> trunk) {

    /** A call from the network: the trunk, the number the provider says was dialled, the user the trunk maps it to. */
    public record FromTrunk(String trunk, String number, Optional<String> user) {
    }

    public RouteRequest(Tenant tenant, SipRequest invite, Optional<String> caller) {
        this(tenant, invite, caller, Optional.empty());
    }
}
