/** SIP header field names and typed header values (RFC 3261 §7.3, §20, §25.1). */
@Version("0.1.0")
package org.tabphone.sip.api.header;

import org.osgi.annotation.versioning.Version;
