package org.tabphone.admin.internal.jmx;

import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.call.api.CallService;

/** Registered in JMX by the Aries whiteboard through its {@code jmx.objectname} property. */
@Component(service = Object.class, property = "jmx.objectname=org.tabphone:type=Calls")
public final class Calls extends StandardMBean implements CallsMBean {
    private final CallService calls;

    @Activate
    public Calls(@Reference CallService calls) throws NotCompliantMBeanException {
        super(CallsMBean.class);
        this.calls = calls;
    }

    @Override
    public int getActive() {
        return calls.counters().active();
    }

    @Override
    public long getAttempts() {
        return calls.counters().attempts();
    }

    @Override
    public long getAnswered() {
        return calls.counters().answered();
    }

    @Override
    public long getFailed() {
        return calls.counters().failed();
    }
}
