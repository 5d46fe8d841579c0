/**
 * The parser (RFC 3261 §7, §18.3, §25.1), one class per ABNF rule group: {@code MessageFramer} (stream
 * framing), {@code MessageParser} (datagrams), {@code StartLineParser}, {@code HeaderSectionParser}
 * (lines, folding, compact names), {@code ViaParser}, {@code NameAddrParser}, {@code UriParser},
 * {@code ParamsParser}, {@code ScalarParser}, {@code ListSplitter}; {@code CoreHeadersParser}
 * validates the eagerly parsed headers and {@code CoreHeaders} makes their objects on first read.
 * Private to this bundle.
 */
package org.tabphone.sip.internal.parse;
