package org.tabphone.media.internal.dtls;

/** Life cycle of a {@link DtlsEndpoint}, for the shell and JMX. */
public enum DtlsState {
    /** Created; datagrams are buffered until {@link DtlsEndpoint#start}. */
    NEW,
    /** The handshake runs on the endpoint's executor. */
    HANDSHAKING,
    /** Handshake complete; SRTP keys were delivered. Late handshake records are still answered. */
    CONNECTED,
    /** Handshake failed or timed out; the reason was delivered in a {@link DtlsResult}. */
    FAILED,
    /** Closed locally, or the peer sent close_notify / a fatal alert after the handshake. */
    CLOSED
}
