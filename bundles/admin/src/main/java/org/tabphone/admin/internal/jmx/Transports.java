package org.tabphone.admin.internal.jmx;

import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.transport.api.SipStack;
import org.tabphone.transport.api.SipTransport;

/** Registered in JMX by the Aries whiteboard through its {@code jmx.objectname} property. */
@Component(service = Object.class, property = "jmx.objectname=org.tabphone:type=Transports")
public final class Transports extends StandardMBean implements TransportsMBean {
    private final SipTransport transport;
    private final SipStack stack;

    @Activate
    public Transports(@Reference SipTransport transport, @Reference SipStack stack) throws NotCompliantMBeanException {
        super(TransportsMBean.class);
        this.transport = transport;
        this.stack = stack;
    }

    @Override
    public long getMessagesReceived() {
        return transport.statistics().received();
    }

    @Override
    public long getMessagesMalformed() {
        return transport.statistics().malformed();
    }

    @Override
    public long getRequestsUnserved() {
        return transport.statistics().unserved();
    }

    @Override
    public long getStunKeepAlivesAnswered() {
        return transport.statistics().stunKeepAlives();
    }

    @Override
    public int getConnections() {
        return transport.statistics().connections();
    }

    @Override
    public long getConnectionsRefused() {
        return transport.statistics().connectionsRefused();
    }

    @Override
    public long getUdpPeersRefused() {
        return transport.statistics().udpPeersRefused();
    }

    @Override
    public int getFlows() {
        return transport.statistics().flows();
    }

    @Override
    public int getTransactions() {
        return stack.transactions();
    }
}
