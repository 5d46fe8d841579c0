/** The location service (RFC 3261 §10): who is registered where, and over which flow (RFC 5626, RFC 7118 §5). */
@Version("0.2.0")
package org.tabphone.registrar.api;

import org.osgi.annotation.versioning.Version;
