/**
 * Opus (RFC 6716) as an {@link org.tabphone.codec.api.AudioCodec} service, RTP payload format
 * RFC 7587 ({@code opus/48000/2} in SDP, whatever is really sent), through Concentus, a pure-Java
 * port of libopus (BSD-3-Clause) embedded in this bundle. Decodes mono at 8, 12, 16, 24 or 48 kHz.
 * Private to the bundle; nothing here is exported.
 */
package org.tabphone.codec.opus.internal;
