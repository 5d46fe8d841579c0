package org.tabphone.media.internal.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.TlsTimeoutException;

/**
 * Bouncy Castle {@link DatagramTransport} between the Netty side and a blocking handshake thread.
 *
 * <p>{@link #offer} is called from the event loop and never blocks: a full queue drops the
 * datagram (DTLS retransmits). {@link #receive} is called only by the handshake/drain thread and
 * waits on the queue. {@link #send} hands datagrams to the {@link DtlsSender}. An optional deadline
 * makes {@link #receive} throw {@link TlsTimeoutException} so a handshake can't outlive its timeout
 * whatever Bouncy Castle's own timers do. {@link #close} wakes a waiting receiver.
 */
final class QueueDatagramTransport implements DatagramTransport {

    /** Receive limit: a DTLS record is at most 2^14 + 2048 + 13 bytes (RFC 6347 4.1). */
    static final int RECEIVE_LIMIT = (1 << 14) + 2048 + 13;

    private static final byte[] WAKE_UP = new byte[0];

    private final ArrayBlockingQueue<byte[]> inbound;
    private final DtlsSender sender;
    private final int sendLimit;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean closed;
    private volatile long deadlineNanos;
    private volatile boolean deadlineSet;

    QueueDatagramTransport(int capacity, int sendLimit, DtlsSender sender) {
        this.inbound = new ArrayBlockingQueue<>(capacity);
        this.sendLimit = sendLimit;
        this.sender = sender;
    }

    /** Queues one received datagram. Never blocks; returns false if closed or full (counted). */
    boolean offer(byte[] datagram) {
        if (closed) {
            return false;
        }
        if (!inbound.offer(datagram)) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    boolean hasPending() {
        return !inbound.isEmpty();
    }

    boolean isClosed() {
        return closed;
    }

    long droppedDatagrams() {
        return dropped.get();
    }

    long sentDatagrams() {
        return sent.get();
    }

    /** From now on {@link #receive} fails with {@link TlsTimeoutException} after {@code timeoutNanos}. */
    void armDeadline(long timeoutNanos) {
        deadlineNanos = System.nanoTime() + timeoutNanos;
        deadlineSet = true;
    }

    void disarmDeadline() {
        deadlineSet = false;
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return sendLimit;
    }

    /**
     * Waits up to {@code waitMillis} (0 = until the deadline or close) for one datagram.
     *
     * @return the datagram length, or -1 if none arrived in time
     */
    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        long waitNanos = waitMillis > 0 ? TimeUnit.MILLISECONDS.toNanos(waitMillis) : Long.MAX_VALUE;
        if (deadlineSet) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                throw new TlsTimeoutException("DTLS handshake deadline passed");
            }
            waitNanos = Math.min(waitNanos, remaining);
        }
        checkOpen();
        byte[] datagram;
        try {
            datagram = inbound.poll(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a DTLS datagram");
        }
        checkOpen();
        if (datagram == null || datagram == WAKE_UP) {
            if (deadlineSet && deadlineNanos - System.nanoTime() <= 0) {
                throw new TlsTimeoutException("DTLS handshake deadline passed");
            }
            return -1;
        }
        int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    /** Sends a copy of the datagram; silently dropped once closed (alerts while tearing down). */
    @Override
    public void send(byte[] buf, int off, int len) {
        if (closed) {
            return;
        }
        byte[] datagram = new byte[len];
        System.arraycopy(buf, off, datagram, 0, len);
        sent.incrementAndGet();
        sender.sendDatagram(datagram);
    }

    /** Closes and wakes a thread blocked in {@link #receive}. Idempotent, callable from any thread. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            inbound.clear();
            inbound.offer(WAKE_UP);
        }
    }

    private void checkOpen() throws ClosedException {
        if (closed) {
            throw new ClosedException();
        }
    }

    /** {@link #receive} after {@link #close}: by us, or by Bouncy Castle on close_notify or failure. */
    static final class ClosedException extends IOException {
        private static final long serialVersionUID = 1L;

        ClosedException() {
            super("DTLS transport closed");
        }
    }
}
