/**
 * Media anchoring for calls: the B2BUA opens a {@link org.tabphone.media.api.MediaSession} per
 * call, hands it each leg's SDP and sends on the SDP it gets back; RTP then flows through the
 * gateway (ICE-Lite, DTLS-SRTP toward browsers, RTP/AVP toward SIP phones and trunks).
 */
@Version("0.3.0")
package org.tabphone.media.api;

import org.osgi.annotation.versioning.Version;
