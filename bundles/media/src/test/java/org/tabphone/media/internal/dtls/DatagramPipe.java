package org.tabphone.media.internal.dtls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * In-memory datagram link between two endpoints: each side's sender delivers straight into the
 * other endpoint's {@code onDatagram}, unless its drop filter says otherwise. Records everything
 * sent for later replay.
 */
final class DatagramPipe {

    final Side a = new Side("a");
    final Side b = new Side("b");

    DatagramPipe() {
        a.other = b;
        b.other = a;
    }

    static final class Side implements DtlsSender {
        final String name;
        Side other;
        volatile DtlsEndpoint endpoint;
        volatile Predicate<byte[]> drop = d -> false;
        final List<byte[]> sent = new ArrayList<>();
        final AtomicInteger dropped = new AtomicInteger();

        Side(String name) {
            this.name = name;
        }

        @Override
        public void sendDatagram(byte[] datagram) {
            synchronized (sent) {
                sent.add(datagram);
            }
            if (drop.test(datagram)) {
                dropped.incrementAndGet();
                return;
            }
            DtlsEndpoint target = other.endpoint;
            if (target != null) {
                target.onDatagram(datagram);
            }
        }

        List<byte[]> sent() {
            synchronized (sent) {
                return new ArrayList<>(sent);
            }
        }

        int sentCount() {
            synchronized (sent) {
                return sent.size();
            }
        }
    }

    /** Record content type (RFC 6347 4.1): 20 change_cipher_spec, 21 alert, 22 handshake. */
    static int contentType(byte[] d) {
        return d[0] & 0xFF;
    }

    static int epoch(byte[] d) {
        return (d[3] & 0xFF) << 8 | (d[4] & 0xFF);
    }

    /** Handshake message type of a plaintext (epoch 0) handshake record, else -1. */
    static int handshakeType(byte[] d) {
        return contentType(d) == 22 && epoch(d) == 0 && d.length > 13 ? d[13] & 0xFF : -1;
    }

    /** A predicate that drops the first {@code n} datagrams matching {@code what}. */
    static Predicate<byte[]> dropFirst(int n, Predicate<byte[]> what) {
        AtomicInteger left = new AtomicInteger(n);
        return d -> what.test(d) && left.getAndDecrement() > 0;
    }
}
