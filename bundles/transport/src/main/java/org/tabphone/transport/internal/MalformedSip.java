package org.tabphone.transport.internal;

import org.tabphone.sip.api.SipParseException;

/**
 * Bytes that did not parse as SIP, with why. {@code fatal} means the stream's framing is lost
 * (e.g. a bad Content-Length): answer if possible, then close the connection.
 */
public record MalformedSip(byte[] bytes, SipParseException error, boolean fatal) {
}
