package org.tabphone.admin.internal.jmx;

import java.util.List;

import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;

import org.tabphone.media.api.DropReason;
import org.tabphone.media.api.MediaSessionInfo;

/**
 * The Media MBean's live legs as open data, which JMX clients without our classes (Hawtio,
 * jconsole) show as a table: one row per leg as {@code tabphone:media} lists it.
 */
final class MediaLegTable {
    private static final String[] LEG_ITEMS = {"session", "call", "leg", "kind", "port", "remote", "codec",
        "transcoding", "dtls", "packetsIn", "packetsOut", "lost", "jitterMillis", "dropped", "dropReasons"};
    private static final OpenType<?>[] LEG_TYPES = {SimpleType.STRING, SimpleType.STRING, SimpleType.STRING,
        SimpleType.STRING, SimpleType.INTEGER, SimpleType.STRING, SimpleType.STRING, SimpleType.BOOLEAN,
        SimpleType.STRING, SimpleType.LONG, SimpleType.LONG, SimpleType.LONG, SimpleType.DOUBLE, SimpleType.LONG,
        SimpleType.STRING};
    static final CompositeType LEG;
    /** A live leg's port is its own: with the session it names the row (roles may repeat across a transfer). */
    static final TabularType LEGS;

    static {
        try {
            LEG = new CompositeType("org.tabphone.MediaLeg", "a live media leg", LEG_ITEMS,
                new String[] {"media session id", "call id", "caller or callee:<branch>", "RTP or WEBRTC",
                    "the gateway's media port for the leg", "where its media comes from and goes to",
                    "the codec on the leg's wire", "packets to the leg are transcoded", "DTLS state (WebRTC legs)",
                    "RTP packets the leg sent", "RTP packets sent to the leg", "packets the leg sent that never came",
                    "interarrival jitter of what the leg sends, ms", "packets of the leg dropped",
                    "why they were dropped"}, LEG_TYPES);
            LEGS = new TabularType("org.tabphone.MediaLegs", "live media legs", LEG, new String[] {"session", "port"});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private MediaLegTable() {
    }

    static TabularData legs(List<MediaSessionInfo> sessions) throws OpenDataException {
        TabularDataSupport table = new TabularDataSupport(LEGS);
        for (MediaSessionInfo s : sessions) {
            for (MediaSessionInfo.LegInfo l : s.legs()) {
                table.put(new CompositeDataSupport(LEG, LEG_ITEMS, new Object[] {s.id(), s.call(), l.role(),
                    l.kind().name(), l.localPort(), l.remote(), l.codec(), l.transcoding(), l.dtls(), l.packetsIn(),
                    l.packetsOut(), l.packetsLost(), l.jitterMillis(), l.packetsDropped(),
                    DropReason.describe(l.drops())}));
            }
        }
        return table;
    }
}
