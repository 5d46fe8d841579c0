/**
 * SIP transports (RFC 3261 §18, RFC 7118 WebSocket, RFC 5626 flows): send a message on a
 * flow or to an address, receive messages tagged with the flow they arrived on.
 */
@Version("0.4.0")
package org.tabphone.transport.api;

import org.osgi.annotation.versioning.Version;
