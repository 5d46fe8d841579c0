/**
 * Media anchoring for calls: the B2BUA opens a {@link org.tabphone.media.api.MediaSession} per
 * call, hands it each leg's SDP and sends on the SDP it gets back; RTP then flows through the
 * gateway (ICE-Lite, DTLS-SRTP toward browsers, RTP/AVP toward SIP phones and trunks), and the
 * gateway terminates RTCP per leg ({@link org.tabphone.media.api.MediaSessionInfo.RtcpInfo}, 0.4.0; BYE,
 * feedback and the far end's fraction lost, 0.5.0). {@link org.tabphone.media.api.MediaTap} services get
 * tapped calls' audio for recording and interception (sessions know their
 * {@link org.tabphone.media.api.CallIdentity}, 0.5.0). Attended transfer joins two calls' sessions in
 * place (0.6.0), whichever party of either call the transferor was
 * ({@link org.tabphone.media.api.MediaSession#joinPartyOf}, 0.7.0). Dropped packets are counted by
 * {@link org.tabphone.media.api.DropReason}, in total and per leg (0.8.0).
 */
@Version("0.8.0")
package org.tabphone.media.api;

import org.osgi.annotation.versioning.Version;
