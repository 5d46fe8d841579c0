/** Tenants: who a SIP domain belongs to, its users and their digest credentials (HA1, RFC 3261 §22, RFC 8760). */
@Version("0.1.0")
package org.tabphone.tenant.api;

import org.osgi.annotation.versioning.Version;
