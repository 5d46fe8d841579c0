package org.tabphone.transport.internal.stream;

/** A double-CRLF keep-alive ping seen between messages on a stream (RFC 5626 §4.4.1). */
public enum KeepAlivePing {
    INSTANCE
}
