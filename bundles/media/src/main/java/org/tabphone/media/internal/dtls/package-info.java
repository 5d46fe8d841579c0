/**
 * DTLS-SRTP key agreement toward the browser (RFC 5763 framework, RFC 5764 use_srtp extension,
 * RFC 6347 DTLS 1.2, RFC 8122 fingerprints, RFC 5705 keying material exporter).
 *
 * <p>{@link org.tabphone.media.internal.dtls.DtlsEndpoint} runs one blocking Bouncy Castle
 * handshake per media leg on an executor owned by the media component, fed from the Netty side
 * through a bounded queue ({@link org.tabphone.media.internal.dtls.DtlsEndpoint#onDatagram(byte[])}),
 * and reports one {@link org.tabphone.media.internal.dtls.DtlsResult} carrying the negotiated
 * {@link org.tabphone.media.internal.srtp.SrtpProfile} and the {@code EXTRACTOR-dtls_srtp} keying
 * material. {@link org.tabphone.media.internal.dtls.DtlsCertificate} holds the local ECDSA P-256
 * identity advertised in {@code a=fingerprint}.
 *
 * <p>Internal to the media bundle: not exported.
 */
package org.tabphone.media.internal.dtls;
