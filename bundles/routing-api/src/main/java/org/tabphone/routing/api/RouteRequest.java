package org.tabphone.routing.api;

import java.util.Optional;

import org.tabphone.sip.api.SipRequest;
import org.tabphone.tenant.api.Tenant;

/**
 * A new call to route.
 *
 * @param tenant   the tenant owning the Request-URI's domain
 * @param invite   the caller's INVITE as received
 * @param caller   the authenticated calling user of that tenant, when the caller authenticated
 */
public record RouteRequest(Tenant tenant, SipRequest invite, Optional<String> caller) {
}
