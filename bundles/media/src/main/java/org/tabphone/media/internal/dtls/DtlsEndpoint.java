package org.tabphone.media.internal.dtls;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.media.internal.srtp.SrtpProfile;

/**
 * One DTLS-SRTP association toward a browser, per media leg (RFC 5763, RFC 5764).
 *
 * <p>Threading:
 * <ul>
 * <li>{@link #onDatagram} is called from the leg's event loop with each received datagram whose
 *     first byte is 20..63 (RFC 7983). It copies nothing more than a {@code ByteBuf}'s readable
 *     bytes, never blocks, and drops the datagram if the bounded queue is full.</li>
 * <li>{@link #start} runs Bouncy Castle's blocking {@code DTLSServerProtocol.accept} or
 *     {@code DTLSClientProtocol.connect} on the given executor, never on the event loop. Bouncy
 *     Castle retransmits lost flights (1 s, doubling); the whole handshake is bounded by
 *     {@link DtlsEndpointConfig#handshakeTimeout()}.</li>
 * <li>Outgoing datagrams go to the {@link DtlsSender} from the executor thread.</li>
 * <li>The {@link DtlsListener} gets exactly one {@link DtlsResult} on the executor thread.</li>
 * </ul>
 *
 * <p>After the handshake no thread is held. A datagram arriving later (for instance the client's
 * final flight, retransmitted because our Finished was lost) schedules a short drain task that
 * feeds it to Bouncy Castle's {@link DTLSTransport}, which answers with a retransmission of our
 * last flight (RFC 6347 4.2.4) and never starts a second handshake; a retransmitted ClientHello is
 * ignored the same way. {@link #start} is idempotent: a retransmitted 200 OK can't restart it.
 */
public final class DtlsEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DtlsEndpoint.class);

    private final String id;
    private final DtlsEndpointConfig config;
    private final Executor executor;
    private final DtlsListener listener;
    private final QueueDatagramTransport transport;
    private final CompletableFuture<DtlsResult> result = new CompletableFuture<>();
    private final Object stateLock = new Object();
    /** Serialises use of {@link #dtls} by drain and close tasks. */
    private final Object receiveLock = new Object();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean resultDelivered = new AtomicBoolean();
    private final AtomicBoolean closedNotified = new AtomicBoolean();
    private volatile DtlsState state = DtlsState.NEW;
    private volatile DtlsRole role;
    private volatile DTLSTransport dtls;
    private volatile long startNanos;
    private byte[] drainBuffer;

    /**
     * @param id       for logs, shell and JMX (e.g. call id + leg)
     * @param sender   writes datagrams to the remote media address
     * @param executor runs the blocking handshake; owned by the media component (not an event loop)
     * @param listener receives the result
     */
    public DtlsEndpoint(String id, DtlsEndpointConfig config, DtlsSender sender, Executor executor,
                        DtlsListener listener) {
        this.id = Objects.requireNonNull(id, "id");
        this.config = Objects.requireNonNull(config, "config");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.transport = new QueueDatagramTransport(config.receiveQueueCapacity(), config.maxDatagramSize(),
            Objects.requireNonNull(sender, "sender"));
    }

    /**
     * Starts the handshake once. Datagrams offered before this are buffered (up to the queue
     * capacity), so a ClientHello that beats the SDP answer isn't lost.
     *
     * @param role               from {@link DtlsRole#forAnswer} or {@link DtlsRole#forOfferAnswered}
     * @param remoteFingerprints the peer's {@code a=fingerprint} values (session or media level)
     * @return true if this call started the handshake; false if already started or closed
     * @throws IllegalArgumentException if no fingerprint is given (RFC 5763 5 requires one)
     */
    public boolean start(DtlsRole role, Collection<DtlsFingerprint> remoteFingerprints) {
        Objects.requireNonNull(role, "role");
        List<DtlsFingerprint> fingerprints = List.copyOf(remoteFingerprints);
        if (fingerprints.isEmpty()) {
            throw new IllegalArgumentException("no remote a=fingerprint to verify the DTLS peer against");
        }
        synchronized (stateLock) {
            if (state != DtlsState.NEW) {
                LOG.debug("{}: DTLS start ignored in state {}", id, state);
                return false;
            }
            this.role = role;
            this.startNanos = System.nanoTime();
            this.state = DtlsState.HANDSHAKING;
        }
        transport.armDeadline(config.handshakeTimeout().toNanos());
        try {
            executor.execute(() -> runHandshake(role, fingerprints));
        } catch (RejectedExecutionException e) {
            fail("handshake executor rejected the task", e);
        }
        return true;
    }

    /**
     * A datagram from the remote media address whose first byte is 20..63. Call from the event
     * loop; never blocks. The array must not be modified afterwards.
     *
     * @return false if it was not DTLS, or dropped (queue full, failed or closed)
     */
    public boolean onDatagram(byte[] datagram) {
        if (datagram.length < 13 || (datagram[0] & 0xFF) < 20 || (datagram[0] & 0xFF) > 63) {
            return false;
        }
        DtlsState s = state;
        if (s == DtlsState.FAILED || s == DtlsState.CLOSED || !transport.offer(datagram)) {
            return false;
        }
        if (state == DtlsState.CONNECTED) {
            scheduleDrain();
        }
        return true;
    }

    /** As {@link #onDatagram(byte[])}, copying the readable bytes; the caller keeps ownership of the buffer. */
    public boolean onDatagram(ByteBuf datagram) {
        return onDatagram(ByteBufUtil.getBytes(datagram));
    }

    /**
     * Stops the handshake (its thread returns promptly), sends close_notify if connected, and
     * releases the transport. Idempotent, callable from any thread, never blocks. Before
     * completion the listener gets a failed result "closed before the handshake completed".
     */
    @Override
    public void close() {
        DtlsState previous;
        synchronized (stateLock) {
            previous = state;
            if (previous == DtlsState.CLOSED) {
                return;
            }
            state = DtlsState.CLOSED;
        }
        DTLSTransport connected = dtls;
        if (previous == DtlsState.CONNECTED && connected != null) {
            try {
                executor.execute(() -> {
                    synchronized (receiveLock) {
                        closeQuietly(connected);
                    }
                    transport.close();
                });
            } catch (RejectedExecutionException e) {
                transport.close();
            }
        } else {
            transport.close();
        }
        if (previous == DtlsState.NEW || previous == DtlsState.HANDSHAKING) {
            deliver(DtlsResult.failed("closed before the handshake completed", null, role == DtlsRole.CLIENT,
                elapsed()));
        }
    }

    public String id() {
        return id;
    }

    public DtlsState state() {
        return state;
    }

    /** The role given to {@link #start}, or null before. */
    public DtlsRole role() {
        return role;
    }

    /** Completes with the same result the listener gets, after the listener returned. */
    public CompletionStage<DtlsResult> result() {
        return result.minimalCompletionStage();
    }

    /** The result if there is one yet, else null. */
    public DtlsResult resultNow() {
        return result.getNow(null);
    }

    /** Datagrams dropped because the receive queue was full. */
    public long droppedDatagrams() {
        return transport.droppedDatagrams();
    }

    /** Datagrams handed to the sender so far. */
    public long sentDatagrams() {
        return transport.sentDatagrams();
    }

    @Override
    public String toString() {
        return "DtlsEndpoint[" + id + " " + (role != null ? role : "?") + " " + state + "]";
    }

    private void runHandshake(DtlsRole role, List<DtlsFingerprint> fingerprints) {
        if (state != DtlsState.HANDSHAKING) {
            return;
        }
        BcTlsCrypto crypto = new BcTlsCrypto(config.secureRandom());
        PeerCertificateVerifier verifier = new PeerCertificateVerifier(fingerprints);
        DtlsSrtpNegotiation negotiation = null;
        try {
            DTLSTransport connected;
            if (role == DtlsRole.SERVER) {
                DtlsSrtpServer server = new DtlsSrtpServer(crypto, config, verifier, id);
                negotiation = server.negotiation();
                DTLSServerProtocol protocol = new DTLSServerProtocol();
                protocol.setVerifyRequests(false); // no HelloVerifyRequest: ICE consent already proved the address
                connected = protocol.accept(server, transport);
            } else {
                DtlsSrtpClient client = new DtlsSrtpClient(crypto, config, verifier, id);
                negotiation = client.negotiation();
                connected = new DTLSClientProtocol().connect(client, transport);
            }
            transport.disarmDeadline();
            SrtpProfile profile = negotiation.selectedProfile();
            String suite = DtlsSrtpPolicy.cipherSuiteName(negotiation.cipherSuite());
            DtlsResult r = DtlsResult.connected(profile, negotiation.keyingMaterial(), role == DtlsRole.CLIENT, suite,
                verifier.matched(), elapsed());
            boolean nowConnected;
            synchronized (stateLock) {
                nowConnected = state == DtlsState.HANDSHAKING;
                if (nowConnected) {
                    dtls = connected;
                    state = DtlsState.CONNECTED;
                }
            }
            if (!nowConnected) {
                closeQuietly(connected); // close() won the race and already reported
                return;
            }
            LOG.info("{}: DTLS {} connected in {} ms, {} {}", id, role, r.handshakeTime().toMillis(), profile, suite);
            deliver(r);
            if (transport.hasPending()) {
                scheduleDrain();
            }
        } catch (IOException | RuntimeException e) {
            fail(describe(e, negotiation, verifier), e);
        }
    }

    private String describe(Exception e, DtlsSrtpNegotiation negotiation, PeerCertificateVerifier verifier) {
        if (verifier.failure() != null) {
            return verifier.failure();
        }
        if (negotiation != null && negotiation.failureDetail() != null) {
            return negotiation.failureDetail();
        }
        if (e instanceof TlsTimeoutException) {
            return "handshake timed out after " + config.handshakeTimeout().toMillis() + " ms";
        }
        if (e instanceof TlsFatalAlertReceived) {
            return "peer sent fatal alert " + AlertDescription.getText(((TlsFatalAlertReceived) e).getAlertDescription());
        }
        if (e instanceof TlsFatalAlert) {
            return "fatal alert " + AlertDescription.getText(((TlsFatalAlert) e).getAlertDescription())
                + (e.getCause() != null ? ": " + e.getCause() : "");
        }
        if (transport.isClosed()) {
            return "transport closed during the handshake";
        }
        return e.toString();
    }

    private void fail(String reason, Throwable cause) {
        boolean failed;
        synchronized (stateLock) {
            failed = state == DtlsState.HANDSHAKING;
            if (failed) {
                state = DtlsState.FAILED;
            }
        }
        transport.close();
        if (failed) {
            LOG.warn("{}: DTLS {} handshake failed after {} ms: {}", id, role, elapsed().toMillis(), reason);
            deliver(DtlsResult.failed(reason, cause, role == DtlsRole.CLIENT, elapsed()));
        }
    }

    private void deliver(DtlsResult r) {
        if (resultDelivered.compareAndSet(false, true)) {
            try {
                listener.onDtlsResult(this, r);
            } catch (RuntimeException e) {
                LOG.warn("{}: DTLS listener threw on {}", id, r, e);
            } finally {
                result.complete(r);
            }
        }
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                drainScheduled.set(false);
                LOG.debug("{}: DTLS drain rejected by executor", id);
            }
        }
    }

    /** Feeds late datagrams to Bouncy Castle so it can answer retransmissions, then returns the thread. */
    private void drain() {
        do {
            try {
                synchronized (receiveLock) {
                    drainOnce();
                }
            } finally {
                drainScheduled.set(false);
            }
        } while (state == DtlsState.CONNECTED && transport.hasPending() && drainScheduled.compareAndSet(false, true));
    }

    private void drainOnce() {
        DTLSTransport connected = dtls;
        try {
            if (drainBuffer == null) {
                drainBuffer = new byte[connected.getReceiveLimit()];
            }
            while (state == DtlsState.CONNECTED && transport.hasPending() && !transport.isClosed()) {
                connected.receive(drainBuffer, 0, drainBuffer.length, 1); // DTLS-SRTP carries no application data
            }
            if (transport.isClosed()) {
                peerClosed("peer sent close_notify");
            }
        } catch (QueueDatagramTransport.ClosedException e) {
            peerClosed("peer sent close_notify"); // Bouncy Castle closed the transport on close_notify
        } catch (TlsFatalAlertReceived e) {
            peerClosed("peer sent fatal alert " + AlertDescription.getText(e.getAlertDescription()));
        } catch (IOException | RuntimeException e) {
            peerClosed("DTLS receive failed: " + e);
        }
    }

    private void peerClosed(String reason) {
        boolean wasConnected;
        synchronized (stateLock) {
            wasConnected = state == DtlsState.CONNECTED;
            if (wasConnected) {
                state = DtlsState.CLOSED;
            }
        }
        transport.close();
        if (wasConnected && closedNotified.compareAndSet(false, true)) {
            LOG.info("{}: DTLS closed by peer: {}", id, reason);
            try {
                listener.onDtlsClosed(this, reason);
            } catch (RuntimeException e) {
                LOG.warn("{}: DTLS listener threw on close", id, e);
            }
        }
    }

    private Duration elapsed() {
        long start = startNanos;
        return start == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
    }

    private static void closeQuietly(DTLSTransport t) {
        try {
            t.close();
        } catch (IOException e) {
            LOG.debug("closing DTLS transport", e);
        }
    }
}
