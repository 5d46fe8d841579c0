/**
 * HTTP Digest as SIP uses it (RFC 3261 §22.4, RFC 2617, RFC 7616, RFC 8760): challenges,
 * credentials, and the response computation from a stored HA1.
 */
@Version("0.1.0")
package org.tabphone.sip.api.auth;

import org.osgi.annotation.versioning.Version;
