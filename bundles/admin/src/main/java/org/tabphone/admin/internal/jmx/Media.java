package org.tabphone.admin.internal.jmx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.TabularData;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.media.api.DropReason;
import org.tabphone.media.api.MediaService;
import org.tabphone.media.api.MediaSessionInfo;

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

    @Override
    public String[] getLegRtcp() {
        List<String> out = new ArrayList<>();
        for (MediaSessionInfo s : media.sessions()) {
            for (MediaSessionInfo.LegInfo l : s.legs()) {
                MediaSessionInfo.RtcpInfo r = l.rtcp();
                out.add(String.format(Locale.ROOT, "%s %s %s: rtt %s ms, far lost %s (%s %%), far jitter %s ms,"
                        + " rtcp out %d in %d, feedback %d, other %d, refused %d, bye sent %b received %b",
                    s.id(), s.call(), l.role(), dash(r.roundTripMillis()), r.remoteLost() < 0 ? "-" : r.remoteLost(),
                    dash(r.remoteFractionLost() < 0 ? -1 : r.remoteFractionLost() * 100), dash(r.remoteJitterMillis()),
                    r.sent(), r.received(), r.feedbackReceived(), r.otherReceived(), r.refused(), r.byeSent(),
                    r.byeReceived()));
            }
        }
        return out.toArray(String[]::new);
    }

    @Override
    public double getWorstRoundTripMillis() {
        return media.sessions().stream().flatMap(s -> s.legs().stream())
            .mapToDouble(l -> l.rtcp().roundTripMillis()).max().orElse(-1);
    }

    @Override
    public double getWorstRemoteLossPercent() {
        double worst = media.sessions().stream().flatMap(s -> s.legs().stream())
            .mapToDouble(l -> l.rtcp().remoteFractionLost()).max().orElse(-1);
        return worst < 0 ? -1 : worst * 100;
    }

    @Override
    public Map<String, Long> getPacketsDroppedByReason() {
        Map<DropReason, Long> counts = media.counters().droppedByReason();
        Map<String, Long> out = new LinkedHashMap<>();
        for (DropReason r : DropReason.values()) { // every reason, so a chart has its series from the start
            out.put(r.key(), counts.getOrDefault(r, 0L));
        }
        return out;
    }

    @Override
    public TabularData getLegs() {
        try {
            return MediaLegTable.legs(media.sessions());
        } catch (OpenDataException e) {
            throw new IllegalStateException("media legs: " + e.getMessage(), e);
        }
    }

    private static String dash(double v) {
        return v < 0 ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}
