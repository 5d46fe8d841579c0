package org.tabphone.agent.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.transaction.SipPath;

/** The agents' UDP socket toward one address: where the gateway's requests came from. */
record UdpPath(DatagramChannel channel, InetSocketAddress to) implements SipPath {

    @Override
    public boolean isReliable() {
        return false;
    }

    @Override
    public void send(SipMessage message, SendFailureListener listener) {
        try {
            channel.send(ByteBuffer.wrap(message.toBytes()), to); // a datagram send never waits
        } catch (IOException e) {
            listener.onSendFailed(e);
        }
    }
}
