package org.tabphone.media.internal.dtls;

/**
 * Writes one DTLS datagram toward the remote media address. Implemented by the media relay.
 *
 * <p>Called from the endpoint's handshake executor thread (never from the event loop that feeds
 * the endpoint), so the implementation must be thread-safe and must not block; a Netty
 * {@code channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), remote))}
 * fits. The array is a fresh copy that the implementation may keep.
 */
@FunctionalInterface
public interface DtlsSender {
    void sendDatagram(byte[] datagram);
}
