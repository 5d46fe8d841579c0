/**
 * RTCP terminated per leg (RFC 3550 §6, §7.2; RFC 3551; RFC 5761 rtcp-mux; SRTCP per RFC 3711
 * §3.4 on WebRTC legs). The gateway rewrites SSRC, sequence numbers and timestamps toward each leg,
 * so it cannot forward the far side's reports: like an RTP translator that sources its own streams,
 * it reads what each leg reports ({@link org.tabphone.media.internal.rtcp.RtcpReader} into
 * {@link org.tabphone.media.internal.rtcp.RemoteReports}), keeps reception statistics of what each
 * leg sends ({@link org.tabphone.media.internal.rtcp.ReceptionStats}, RFC 3550 A.1/A.3/A.8) and
 * writes its own SR/RR + SDES toward each leg ({@link org.tabphone.media.internal.rtcp.RtcpWriter})
 * on a randomised interval ({@link org.tabphone.media.internal.rtcp.RtcpInterval}).
 *
 * <p>Everything here works on byte arrays in place and allocates nothing per packet; the classes
 * holding state are confined to the session's event loop.
 */
package org.tabphone.media.internal.rtcp;
