package org.tabphone.admin.internal.jmx;

import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.cdr.api.CdrStore;

/** Registered in JMX by the Aries whiteboard through its {@code jmx.objectname} property. */
@Component(service = Object.class, property = "jmx.objectname=org.tabphone:type=Cdr")
public final class Cdr extends StandardMBean implements CdrMBean {
    private final CdrStore store;

    @Activate
    public Cdr(@Reference CdrStore store) throws NotCompliantMBeanException {
        super(CdrMBean.class);
        this.store = store;
    }

    @Override
    public long getRecordsWritten() {
        return store.stats().recordsWritten();
    }

    @Override
    public int getQueueLength() {
        return store.stats().queueLength();
    }

    @Override
    public String getLastWriteError() {
        return store.stats().lastWriteError();
    }

    @Override
    public long getLastRecord() {
        return store.stats().lastSeq();
    }

    @Override
    public long getRecordsLost() {
        return store.stats().recordsLost();
    }
}
