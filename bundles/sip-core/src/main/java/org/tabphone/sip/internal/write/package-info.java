/** The serializer (RFC 3261 §7, §18.3): {@code MessageWriter} re-syncs Content-Length. Private to this bundle. */
package org.tabphone.sip.internal.write;
