/**
 * SRTP/SRTCP for DTLS-SRTP (RFC 3711, RFC 5764 §4.2, RFC 7714) on top of jitsi-srtp
 * ({@code org.jitsi.srtp}). {@link org.tabphone.media.internal.srtp.SrtpSession} turns the DTLS
 * exporter output into send and receive crypto contexts and protects / unprotects packets in place,
 * returning a length or a negative {@link org.tabphone.media.internal.srtp.SrtpResult} code; it never
 * throws on bad input. Private to this bundle.
 *
 * <p>jitsi-srtp uses its native OpenSSL provider (libjitsisrtp_3.so against libcrypto.so.3) when it
 * loads, else JCE; {@link org.tabphone.media.internal.srtp.SrtpBackend} says which.
 */
package org.tabphone.media.internal.srtp;
