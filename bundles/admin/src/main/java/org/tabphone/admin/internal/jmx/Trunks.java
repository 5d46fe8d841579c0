package org.tabphone.admin.internal.jmx;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.trunk.api.TrunkInfo;
import org.tabphone.trunk.api.TrunkService;
import org.tabphone.trunk.api.TrunkStatus;

/** Registered in JMX by the Aries whiteboard through its {@code jmx.objectname} property. */
@Component(service = Object.class, property = "jmx.objectname=org.tabphone:type=Trunks")
public final class Trunks extends StandardMBean implements TrunksMBean {
    private final TrunkService trunks;

    @Activate
    public Trunks(@Reference TrunkService trunks) throws NotCompliantMBeanException {
        super(TrunksMBean.class);
        this.trunks = trunks;
    }

    private List<TrunkInfo> all() {
        return trunks.trunks();
    }

    @Override
    public int getCount() {
        return all().size();
    }

    @Override
    public int getRegistered() {
        return (int) all().stream().filter(t -> t.status().state() == TrunkStatus.State.REGISTERED).count();
    }

    @Override
    public int getInboundLines() {
        return all().stream().mapToInt(TrunkInfo::inbound).sum();
    }

    @Override
    public int getOutboundLines() {
        return all().stream().mapToInt(TrunkInfo::outbound).sum();
    }

    @Override
    public long getHeld() {
        return all().stream().mapToLong(TrunkInfo::held).sum();
    }

    @Override
    public long getRefused() {
        return all().stream().mapToLong(TrunkInfo::refused).sum();
    }

    @Override
    public Map<String, String> getStatus() {
        Map<String, String> m = new TreeMap<>();
        all().forEach(t -> m.put(t.settings().name(), t.status().state() + ": " + t.status().detail()));
        return m;
    }
}
