package org.tabphone.sip.api.header;

/**
 * A typed header field value that message builders accept in place of a string (RFC 3261 §20).
 * {@link #toString()} is the value's wire form.
 */
public sealed interface HeaderValue permits Via, NameAddress, CSeq {

    /** The wire form of the value (without the header name). */
    @Override
    String toString();
}
