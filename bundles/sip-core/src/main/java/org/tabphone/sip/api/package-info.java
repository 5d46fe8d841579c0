/** SIP message model (RFC 3261 §7): immutable messages, builders, parser entry point. */
@Version("0.1.0")
package org.tabphone.sip.api;

import org.osgi.annotation.versioning.Version;
