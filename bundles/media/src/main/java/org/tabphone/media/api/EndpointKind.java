package org.tabphone.media.api;

/** What a leg's far end speaks. */
public enum EndpointKind {
    /** A browser: ICE, DTLS-SRTP, rtcp-mux, BUNDLE ({@code UDP/TLS/RTP/SAVPF}). */
    WEBRTC,
    /** A SIP phone or trunk: plain RTP/AVP, RTCP on port + 1. */
    RTP
}
