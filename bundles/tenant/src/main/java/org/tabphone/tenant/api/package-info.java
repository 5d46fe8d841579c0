/**
 * Tenants: who a SIP domain belongs to, its users and their digest credentials (HA1, RFC 3261 §22,
 * RFC 8760), and digest authentication against them for registrar (401) and calls (407).
 */
@Version("0.3.0")
package org.tabphone.tenant.api;

import org.osgi.annotation.versioning.Version;
