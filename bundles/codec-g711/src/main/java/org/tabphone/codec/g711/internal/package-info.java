/**
 * ITU-T G.711 A-law (PCMA, RTP payload type 8) and mu-law (PCMU, payload type 0) as
 * {@link org.tabphone.codec.api.AudioCodec} services (RFC 3551 section 4.5.14), table-driven.
 * Results are those of the classic Sun Microsystems {@code g711.c} (16-bit linear PCM in and out).
 * Private to the bundle; nothing here is exported.
 */
package org.tabphone.codec.g711.internal;
