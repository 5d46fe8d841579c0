/** Calls through the B2BUA: live calls for admin, and call events for CDRs (RFC 3261 §6 B2BUA). */
@Version("0.2.0")
package org.tabphone.call.api;

import org.osgi.annotation.versioning.Version;
