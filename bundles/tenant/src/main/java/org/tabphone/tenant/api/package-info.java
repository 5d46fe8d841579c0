/**
 * Tenants: who a SIP domain belongs to, its users and their digest credentials (HA1, RFC 3261 §22,
 * RFC 8760), and digest authentication against them for registrar (401) and calls (407).
 * {@link org.tabphone.tenant.api.TenantUsers} changes users (0.4.0).
 */
@Version("0.4.0")
package org.tabphone.tenant.api;

import org.osgi.annotation.versioning.Version;
