package org.tabphone.registrar.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.tabphone.sip.api.SipMessage;
import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.FlowId;
import org.tabphone.transport.api.TransportKind;

/** A flow for handler tests: keeps what is sent on it. */
final class TestFlow implements Flow {
    private final FlowId id;
    private final TransportKind kind;
    private final InetSocketAddress remote;
    final List<SipMessage> sent = new ArrayList<>();

    TestFlow(long id, TransportKind kind, String ip, int port) {
        this.id = new FlowId(id);
        this.kind = kind;
        this.remote = new InetSocketAddress(ip, port);
    }

    @Override
    public FlowId id() {
        return id;
    }

    @Override
    public TransportKind kind() {
        return kind;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public InetSocketAddress local() {
        return new InetSocketAddress("127.0.0.1", 5060);
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReliable() {
        return kind.isStream();
    }

    @Override
    public void send(SipMessage message, SendFailureListener listener) {
        sent.add(message);
    }
}
