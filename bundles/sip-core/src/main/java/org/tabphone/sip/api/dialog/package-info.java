/** Dialogs (RFC 3261 §12): state, route set, remote target and sequence numbers, and in-dialog requests. */
@Version("0.1.0")
package org.tabphone.sip.api.dialog;

import org.osgi.annotation.versioning.Version;
