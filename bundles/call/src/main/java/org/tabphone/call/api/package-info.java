/**
 * Calls through the B2BUA: live calls for admin, and call events for CDRs (RFC 3261 §6 B2BUA);
 * since 0.3.0 a leg's RTP counters carry its RTCP round trip and the loss it reported.
 */
@Version("0.3.0")
package org.tabphone.call.api;

import org.osgi.annotation.versioning.Version;
