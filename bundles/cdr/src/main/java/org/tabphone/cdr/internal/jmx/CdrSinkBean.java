package org.tabphone.cdr.internal.jmx;

import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.cdr.api.CdrSink;
import org.tabphone.cdr.api.CdrSinkStats;

/** Registered in JMX by the Aries whiteboard through its {@code jmx.objectname} property; reads only the api service. */
@Component(service = Object.class, property = "jmx.objectname=org.tabphone:type=CdrSink")
public final class CdrSinkBean extends StandardMBean implements CdrSinkMBean {
    private final CdrSink sink;

    @Activate
    public CdrSinkBean(@Reference CdrSink sink) throws NotCompliantMBeanException {
        super(CdrSinkMBean.class);
        this.sink = sink;
    }

    @Override
    public String getState() {
        return sink.status().state().name();
    }

    @Override
    public boolean isConnected() {
        return sink.status().state() == CdrSinkStats.State.CONNECTED;
    }

    @Override
    public String getDatabase() {
        return sink.status().target();
    }

    @Override
    public String getTable() {
        return sink.status().table();
    }

    @Override
    public long getRecordsExported() {
        return sink.status().exported();
    }

    @Override
    public long getDuplicatesSkipped() {
        return sink.status().duplicates();
    }

    @Override
    public long getLastExported() {
        return sink.status().lastExported();
    }

    @Override
    public long getQueued() {
        return sink.status().behind();
    }

    @Override
    public long getSkipped() {
        return sink.status().skipped();
    }

    @Override
    public String getLastError() {
        return sink.status().lastError();
    }

    @Override
    public String getLastErrorTime() {
        return sink.status().lastErrorAt() == null ? "" : sink.status().lastErrorAt().toString();
    }

    @Override
    public void retryNow() {
        sink.retryNow();
    }
}
