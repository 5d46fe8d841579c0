/** SIP, SIPS and tel URIs (RFC 3261 §19.1, RFC 3966) and other absolute URIs. */
@Version("0.1.0")
package org.tabphone.sip.api.uri;

import org.osgi.annotation.versioning.Version;
