package org.tabphone.transport.internal;

import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.sip.api.SipMessage;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.transport.api.InboundSip;
import org.tabphone.transport.api.SipInboundListener;
import org.tabphone.transport.internal.flow.NettyFlow;

/**
 * Where every decoded message goes. Requests get {@code received}/{@code rport} stamped
 * (RFC 3261 §18.2.1, RFC 3581) and are handed to the consumer; with no consumer bound, requests
 * are answered 503 statelessly and responses dropped. Malformed input gets a 400 where one can
 * be built, one log line with the flow, and a counter; a fatal framing error closes the flow.
 */
public final class InboundDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);

    private volatile SipInboundListener consumer;
    private final LongAdder received = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder unserved = new LongAdder();

    public void consumer(SipInboundListener listener) {
        this.consumer = listener;
    }

    public void onMessage(SipMessage message, NettyFlow flow) {
        received.increment();
        SipInboundListener target = consumer;
        if (message instanceof SipRequest request) {
            SipRequest stamped = ViaStamping.stamp(request, flow.remote());
            if (target == null) {
                unserved.increment();
                if (!stamped.method().equals(SipMethod.ACK)) {
                    send(flow, StatelessReplies.serviceUnavailable(stamped).toBytes(), false);
                }
                return;
            }
            deliver(target, new InboundSip(stamped, flow));
        } else if (target != null) {
            deliver(target, new InboundSip(message, flow));
        } else {
            unserved.increment();
        }
    }

    public void onMalformed(MalformedSip bad, NettyFlow flow) {
        malformed.increment();
        LOG.info("{} malformed SIP from {}: {} {}", flow.id(), flow.remote(), bad.error().statusCode(),
            bad.error().reason());
        byte[] reply = bad.error().isResponse() ? null : StatelessReplies.badRequest(bad.bytes(), bad.error());
        if (reply != null) {
            send(flow, reply, bad.fatal());
        } else if (bad.fatal()) {
            flow.channel().close();
        }
    }

    private void deliver(SipInboundListener target, InboundSip inbound) {
        try {
            target.onSip(inbound);
        } catch (RuntimeException e) {
            // the consumer's bug must not take the listener down
            LOG.warn("{} consumer failed on {}", inbound.flow().id(), firstLine(inbound.message()), e);
        }
    }

    private static void send(NettyFlow flow, byte[] bytes, boolean thenClose) {
        var future = flow.write(Unpooled.wrappedBuffer(bytes));
        if (thenClose) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String firstLine(SipMessage m) {
        return m instanceof SipRequest r ? r.method() + " " + r.requestUri()
            : ((SipResponse) m).statusCode() + " " + ((SipResponse) m).reasonPhrase();
    }

    public long received() {
        return received.sum();
    }

    public long malformed() {
        return malformed.sum();
    }

    public long unserved() {
        return unserved.sum();
    }
}
