package org.tabphone.admin.internal.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import org.junit.jupiter.api.Test;
import org.tabphone.media.api.CallIdentity;
import org.tabphone.media.api.DropReason;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaService;
import org.tabphone.media.api.MediaSession;
import org.tabphone.media.api.MediaSessionInfo;
import org.tabphone.media.api.MediaSessionInfo.LegInfo;
import org.tabphone.sdp.api.SessionDescription;

/**
 * {@code org.tabphone:type=Media} as a JMX client (Hawtio, jconsole) reads it from an MBean server:
 * each live leg a row of open data with its codec and whether it is transcoded, as
 * {@code tabphone:media} shows them, and the dropped packets by reason. The media service is a
 * fixed snapshot here (the relay is the media bundle's, tested there and in itests/MediaTest).
 */
class MediaJmxTest {
    /** Not kept in the factory's list: nothing to release. */
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ObjectName name = objectName("org.tabphone:type=Media");

    private static ObjectName objectName(String n) {
        try {
            return ObjectName.getInstance(n);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(n, e);
        }
    }

    private static LegInfo leg(String role, EndpointKind kind, int port, String codec, boolean transcoding,
                               Map<DropReason, Long> drops) {
        long dropped = drops.values().stream().mapToLong(Long::longValue).sum();
        return new LegInfo(role, kind, port, "127.0.0.1:4000", codec, kind == EndpointKind.WEBRTC ? "CONNECTED" : "",
            transcoding, 250, 40_000, 248, 39_680, 2, dropped, 1.5, MediaSessionInfo.RtcpInfo.NONE, drops);
    }

    private Object read(String attribute, MediaService media) throws Exception {
        server.registerMBean(new Media(media), name);
        return server.getAttribute(name, attribute);
    }

    @Test
    void eachLegIsARowWithItsCodecAndWhetherItIsTranscoded() throws Exception {
        Snapshot media = new Snapshot(List.of(
            new MediaSessionInfo("m1", "call-1", List.of(
                leg("caller", EndpointKind.WEBRTC, 20000, "opus/48000/2", true, Map.of()),
                leg("callee:b1", EndpointKind.RTP, 20002, "PCMU/8000", true,
                    Map.of(DropReason.ON_HOLD, 3L, DropReason.NOT_CONNECTED, 1L)))),
            new MediaSessionInfo("m2", "call-2", List.of(
                leg("caller", EndpointKind.RTP, 20004, "PCMA/8000", false, Map.of()),
                leg("callee:b1", EndpointKind.RTP, 20006, "PCMA/8000", false, Map.of())))),
            Map.of());
        TabularData legs = (TabularData) read("Legs", media);
        assertEquals(4, legs.size());
        CompositeData browser = legs.get(new Object[] {"m1", 20000});
        assertEquals("caller", browser.get("leg"));
        assertEquals("WEBRTC", browser.get("kind"));
        assertEquals("opus/48000/2", browser.get("codec"));
        assertEquals(true, browser.get("transcoding"));
        assertEquals("CONNECTED", browser.get("dtls"));
        CompositeData phone = legs.get(new Object[] {"m1", 20002});
        assertEquals("call-1", phone.get("call"));
        assertEquals("PCMU/8000", phone.get("codec"));
        assertEquals(4L, phone.get("dropped"));
        assertEquals("not-connected 1, on-hold 3", phone.get("dropReasons"), "in DropReason's order");
        CompositeData passThrough = legs.get(new Object[] {"m2", 20006});
        assertEquals("PCMA/8000", passThrough.get("codec"));
        assertEquals(false, passThrough.get("transcoding"));
        assertEquals("", passThrough.get("dropReasons"));
        assertEquals(250L, passThrough.get("packetsIn"));
    }

    @Test
    void droppedPacketsByReasonHaveEveryReasonAndAddUpToPacketsDropped() throws Exception {
        Snapshot media = new Snapshot(List.of(), Map.of(DropReason.ENDED, 5_812L, DropReason.NOT_CONNECTED, 7L));
        @SuppressWarnings("unchecked")
        Map<String, Long> drops = (Map<String, Long>) read("PacketsDroppedByReason", media);
        assertEquals(List.of("not-media", "srtp-not-ready", "srtp-auth", "srtp-replay", "not-connected", "ended",
            "unmapped-pt", "transcode-failed", "no-remote", "on-hold", "closed", "srtp-protect"),
            List.copyOf(drops.keySet()), "every reason, zeros included, in DropReason's order");
        assertEquals(5_812L, drops.get("ended"));
        assertEquals(7L, drops.get("not-connected"));
        assertEquals(0L, drops.get("srtp-auth"));
        assertEquals(5_819L, server.getAttribute(name, "PacketsDropped"));
        assertEquals(0, ((TabularData) server.getAttribute(name, "Legs")).size(), "no live leg: an empty table");
    }

    /** A media service frozen at one moment: these sessions and these drops. */
    private record Snapshot(List<MediaSessionInfo> sessions, Map<DropReason, Long> drops) implements MediaService {
        @Override
        public MediaSession open(CallIdentity call, SessionDescription offer, InetSocketAddress callerPeer) {
            throw new UnsupportedOperationException("a snapshot");
        }

        @Override
        public MediaCounters counters() {
            long dropped = drops.values().stream().mapToLong(Long::longValue).sum();
            return new MediaCounters(sessions.size(), 2, 1_000, dropped, 0, 4, 4_996, 0, drops);
        }
    }
}
