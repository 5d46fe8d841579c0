/** SIP messages (RFC 3261 §7): immutable requests and responses, builders, parser and framer entry points. */
@Version("0.1.0")
package org.tabphone.sip.api;

import org.osgi.annotation.versioning.Version;
