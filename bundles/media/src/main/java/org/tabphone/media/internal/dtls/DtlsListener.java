package org.tabphone.media.internal.dtls;

/**
 * Receives the outcome of a {@link DtlsEndpoint}.
 *
 * <p>Both methods normally run on the endpoint's executor thread, not the event loop: hop to the
 * leg's loop ({@code eventLoop.execute(...)}) before touching call state. Exceptions thrown here
 * are logged and otherwise ignored.
 */
@FunctionalInterface
public interface DtlsListener {

    /**
     * Called exactly once per endpoint: on handshake success (SRTP keys), on failure or timeout
     * (with a reason), or when the endpoint is closed before the handshake completed (then on the
     * thread calling {@link DtlsEndpoint#close()}).
     */
    void onDtlsResult(DtlsEndpoint endpoint, DtlsResult result);

    /**
     * Called at most once, after a successful handshake, when the peer sent close_notify or a
     * fatal alert. SRTP keys already handed out stay valid; the relay decides what to do.
     */
    default void onDtlsClosed(DtlsEndpoint endpoint, String reason) {
    }
}
