/**
 * SDP (RFC 8866) as immutable values with builders, its parser and writer, and offer/answer helpers
 * (RFC 3264), plus readers for the attributes WebRTC and SIP legs need: rtpmap/fmtp (RFC 3551 static
 * payload types included), direction and hold, ICE (RFC 8839), DTLS fingerprint and setup (RFC 8122,
 * RFC 4145), rtcp-mux (RFC 5761), BUNDLE and mid (RFC 8843), ssrc (RFC 5576).
 *
 * <p>Plain Java: no Netty or OSGi types. Everything here is immutable and safe to share between
 * threads. Unknown attributes and unknown line types are kept, so a description that is parsed and
 * written again keeps them.
 */
@Version("1.0.0")
package org.tabphone.sdp.api;

import org.osgi.annotation.versioning.Version;
