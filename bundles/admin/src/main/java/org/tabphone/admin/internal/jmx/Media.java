package org.tabphone.admin.internal.jmx;

import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.media.api.MediaService;

/** Registered in JMX by the Aries whiteboard through its {@code jmx.objectname} property. */
@Component(service = Object.class, property = "jmx.objectname=org.tabphone:type=Media")
public final class Media extends StandardMBean implements MediaMBean {
    private final MediaService media;

    @Activate
    public Media(@Reference MediaService media) throws NotCompliantMBeanException {
        super(MediaMBean.class);
        this.media = media;
    }

    @Override
    public int getActiveSessions() {
        return media.counters().activeSessions();
    }

    @Override
    public long getSessionsOpened() {
        return media.counters().sessionsOpened();
    }

    @Override
    public long getPacketsRelayed() {
        return media.counters().packetsRelayed();
    }

    @Override
    public long getPacketsDropped() {
        return media.counters().packetsDropped();
    }

    @Override
    public long getDtlsFailures() {
        return media.counters().dtlsFailures();
    }

    @Override
    public int getPortPairsInUse() {
        return media.counters().portsInUse();
    }

    @Override
    public int getPortPairsFree() {
        return media.counters().portsFree();
    }

    @Override
    public long getStunRequestsAnswered() {
        return media.counters().stunRequestsAnswered();
    }
}
