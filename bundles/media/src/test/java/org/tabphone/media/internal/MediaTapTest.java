package org.tabphone.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tabphone.media.internal.RtpRelayTest.codec;
import static org.tabphone.media.internal.RtpRelayTest.firstPacket;
import static org.tabphone.media.internal.RtpRelayTest.receive;
import static org.tabphone.media.internal.RtpRelayTest.rtp;
import static org.tabphone.media.internal.RtpRelayTest.rtpSdp;
import static org.tabphone.media.internal.RtpRelayTest.send;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tabphone.media.api.CallIdentity;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaSession;
import org.tabphone.media.api.MediaTap;
import org.tabphone.media.api.TapFormat;
import org.tabphone.media.api.TapFrame;
import org.tabphone.media.api.TapSink;
import org.tabphone.sdp.api.SessionDescription;

/**
 * Media taps on a real media component with two RTP phones on loopback: what a tap is offered,
 * what it gets (decoded PCM per side, or the raw RTP), and that it changes nothing for the
 * parties — not when it is slow, nor when it throws.
 */
class MediaTapTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);
    private static final CallIdentity ALICE_TO_BOB = new CallIdentity("call-1", "demo", "sip:1001@demo.tabphone.test",
        "sip:1002@demo.tabphone.test");
    private MediaComponent media;
    private DatagramSocket phoneA;
    private DatagramSocket phoneB;

    /** Collects what one tapped call delivers (the tap thread writes, the test reads). */
    static final class Collected implements TapSink {
        final TapFormat format;
        final List<String> frames = new CopyOnWriteArrayList<>();
        final AtomicLong dropped = new AtomicLong();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile CountDownLatch block;
        volatile boolean fail;

        Collected(TapFormat format) {
            this.format = format;
        }

        @Override
        public TapFormat format() {
            return format;
        }

        @Override
        public void onFrame(TapFrame f) {
            if (fail) {
                throw new IllegalStateException("a broken tap");
            }
            CountDownLatch b = block;
            if (b != null) {
                try {
                    b.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            frames.add(f.side() + " " + f.codec() + " pt" + f.payloadType() + " seq" + f.sequence() + " "
                + (format == TapFormat.RTP ? "rtp" + f.rtpLength() + " " + f.rtp()[f.rtpOffset() + 12]
                : "pcm" + f.samples() + " " + f.pcm()[f.pcmOffset()]));
        }

        @Override
        public void onDropped(long frames) {
            dropped.addAndGet(frames);
        }

        @Override
        public void close() {
            closed.countDown();
        }

        boolean waitFor(int n) throws InterruptedException {
            for (int i = 0; i < 100 && frames.size() < n; i++) {
                Thread.sleep(20);
            }
            return frames.size() >= n;
        }

        /** Until a frame containing {@code text} came: firstPacket's resends may deliver a frame twice, so counts mislead. */
        boolean waitForFrame(String text) throws InterruptedException {
            for (int i = 0; i < 100 && frames.stream().noneMatch(f -> f.contains(text)); i++) {
                Thread.sleep(20);
            }
            return frames.stream().anyMatch(f -> f.contains(text));
        }
    }

    /** A tap that takes every call with a new {@link Collected} and remembers whom it was offered. */
    static final class CollectingTap implements MediaTap {
        final List<CallIdentity> offered = new CopyOnWriteArrayList<>();
        final List<Collected> sinks = new CopyOnWriteArrayList<>();
        final TapFormat format;

        CollectingTap(TapFormat format) {
            this.format = format;
        }

        @Override
        public Optional<TapSink> tap(CallIdentity call) {
            offered.add(call);
            Collected c = new Collected(format);
            sinks.add(c);
            return Optional.of(c);
        }
    }

    @BeforeEach
    void start() throws Exception {
        media = new MediaComponent(TestConfigs.media(Map.of("port.min", 43100, "port.max", 43199, "stun.port", 0)));
        media.addCodec(codec("PCMU"));
        media.addCodec(codec("PCMA"));
        phoneA = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        phoneB = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        phoneA.setSoTimeout(2000);
        phoneB.setSoTimeout(2000);
    }

    @AfterEach
    void stop() {
        media.deactivate();
        phoneA.close();
        phoneB.close();
    }

    /** A PCMU caller (phone A) and a PCMA callee (phone B): the gateway transcodes. Returns {A's port, B's port}. */
    private int[] transcodedCall(CallIdentity who) throws Exception {
        MediaSession s = media.open(who, rtpSdp(phoneA.getLocalPort(), "0"), PEER);
        SessionDescription offerB = s.offerTo("b1", EndpointKind.RTP, PEER);
        SessionDescription answerA = s.answerFrom("b1", rtpSdp(phoneB.getLocalPort(), "8"));
        s.select("b1");
        sessions.add(s);
        return new int[] {answerA.media().get(0).port(), offerB.media().get(0).port()};
    }

    private final List<MediaSession> sessions = new ArrayList<>();

    @Test
    void eachSideArrivesDecodedAndTaggedWhileThePartiesGetExactlyWhatTheyWouldWithoutATap() throws Exception {
        CollectingTap tap = new CollectingTap(TapFormat.PCM16_8K);
        media.addTap(tap);
        int[] ports = transcodedCall(ALICE_TO_BOB);
        assertEquals(List.of(ALICE_TO_BOB), tap.offered, "offered once, with whose call it is");

        // mu-law 0xFF and A-law 0xD5 are both 0; mu-law 0x80 is +32124, A-law 0xAA is +32256
        byte[] toB = firstPacket(phoneA, rtp(0, 1, 0, 0x11, (byte) 0x80, 160), ports[0], phoneB).getData();
        assertEquals(8, RtpHeader.payloadType(toB, 0));
        assertEquals((byte) 0xAA, toB[12], "transcoded as always: the tap saw the packet before, not instead");
        byte[] toA = firstPacket(phoneB, rtp(8, 1, 0, 0x22, (byte) 0xAA, 160), ports[1], phoneA).getData();
        assertEquals((byte) 0x80, toA[12]);

        Collected c = tap.sinks.get(0);
        assertTrue(c.waitFor(2), "frames: " + c.frames);
        assertTrue(c.frames.contains("CALLER PCMU/8000 pt0 seq1 pcm160 32124"), "the caller's PCMU, decoded: " + c.frames);
        assertTrue(c.frames.contains("CALLEE PCMA/8000 pt8 seq1 pcm160 32256"), "the callee's PCMA, decoded: " + c.frames);
        sessions.get(0).close();
        assertTrue(c.closed.await(2, TimeUnit.SECONDS), "the sink is closed when the call's media ends");
    }

    /**
     * A caller's blind transfer (issue 10): the target C replaces the caller A in the same session
     * and the same recording. C takes A's side; B, who stays (and is now the leg the session is
     * anchored on), keeps the callee's side — so a stereo file keeps B in one channel throughout.
     */
    @Test
    void aCallersTransferTargetTakesTheCallersSideAndTheCalleeThatStaysKeepsItsOwn() throws Exception {
        CollectingTap tap = new CollectingTap(TapFormat.PCM16_8K);
        media.addTap(tap);
        try (DatagramSocket phoneC = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            phoneC.setSoTimeout(2000);
            MediaSession s = media.open(ALICE_TO_BOB, rtpSdp(phoneA.getLocalPort(), "0"), PEER);
            sessions.add(s);
            int toB = s.offerTo("b1", EndpointKind.RTP, PEER).media().get(0).port();
            int toA = s.answerFrom("b1", rtpSdp(phoneB.getLocalPort(), "0")).media().get(0).port();
            s.select("b1");
            // sequence numbers name the party: A 100s, B 200s, C 300s
            firstPacket(phoneA, rtp(0, 100, 0, 0xA, (byte) 0x80, 160), toA, phoneB);
            firstPacket(phoneB, rtp(0, 200, 0, 0xB, (byte) 0x80, 160), toB, phoneA);

            int toC = s.offerToReplaceCaller("t1", EndpointKind.RTP, PEER).media().get(0).port();
            s.answerToReplaceCaller("t1", rtpSdp(phoneC.getLocalPort(), "0"));
            s.replaceCaller("t1");
            firstPacket(phoneC, rtp(0, 300, 0, 0xC, (byte) 0x80, 160), toC, phoneB);
            firstPacket(phoneB, rtp(0, 201, 160, 0xB, (byte) 0x80, 160), toB, phoneC);

            Collected c = tap.sinks.get(0);
            assertTrue(c.waitForFrame(" seq201 "), "frames: " + c.frames);
            assertEquals(List.of(ALICE_TO_BOB), tap.offered, "one call, one recording across the transfer");
            for (String f : c.frames) {
                int seq = Integer.parseInt(f.replaceAll(".* seq(\\d+) .*", "$1"));
                String side = seq / 100 == 2 ? "CALLEE" : "CALLER";
                assertTrue(f.startsWith(side + " "), "A and then C on the caller's side, B on the callee's throughout: "
                    + c.frames);
            }
            for (int seq : new int[] {100, 200, 300, 201}) {
                assertTrue(c.frames.stream().anyMatch(f -> f.contains(" seq" + seq + " ")), "seq " + seq + " tapped: " + c.frames);
            }
            s.close();
        }
    }

    @Test
    void aRawTapGetsThePacketAsTheLegSentItWithItsCodecAndDtmfUntagged() throws Exception {
        CollectingTap tap = new CollectingTap(TapFormat.RTP);
        media.addTap(tap);
        MediaSession s = media.open(ALICE_TO_BOB, rtpSdp(phoneA.getLocalPort(), "0 101", "rtpmap:101 telephone-event/8000"),
            PEER);
        s.offerTo("b1", EndpointKind.RTP, PEER);
        SessionDescription answerA = s.answerFrom("b1", rtpSdp(phoneB.getLocalPort(), "0 101", "rtpmap:101 telephone-event/8000"));
        int port = answerA.media().get(0).port();
        firstPacket(phoneA, rtp(0, 7, 0, 0x11, (byte) 0x55, 160), port, phoneB);
        send(phoneA, rtp(101, 8, 160, 0x11, (byte) 0x05, 4), port);
        receive(phoneB);
        Collected c = tap.sinks.get(0);
        assertTrue(c.waitForFrame(" pt101 seq8 "), "frames: " + c.frames);
        assertTrue(c.frames.contains("CALLER PCMU/8000 pt0 seq7 rtp172 85"), c.frames.toString());
        assertTrue(c.frames.contains("CALLER  pt101 seq8 rtp16 5"), "DTMF comes raw, without the audio codec: " + c.frames);
        s.close();
    }

    @Test
    void aTapThatDeclinesGetsNothingAndATapThatThrowsIsDetachedWithoutHurtingTheCall() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        media.addTap(call -> {
            asked.incrementAndGet();
            return Optional.empty();
        });
        media.addTap(call -> {
            throw new IllegalStateException("a tap that cannot even decide");
        });
        CollectingTap broken = new CollectingTap(TapFormat.PCM16_8K);
        media.addTap(broken);
        int[] ports = transcodedCall(ALICE_TO_BOB);
        assertEquals(1, asked.get());
        Collected c = broken.sinks.get(0);
        c.fail = true;
        firstPacket(phoneA, rtp(0, 1, 0, 0x11, (byte) 0xFF, 160), ports[0], phoneB);
        assertTrue(c.closed.await(2, TimeUnit.SECONDS), "a sink that threw is closed");
        for (int i = 2; i < 12; i++) {
            send(phoneA, rtp(0, i, 160 * i, 0x11, (byte) 0xFF, 160), ports[0]);
            receive(phoneB); // the call goes on: every packet relayed
        }
        assertTrue(c.frames.isEmpty());
    }

    @Test
    void aTapThatFallsBehindLosesFramesCountedNeverThePartiesThePacketsOrTheirTiming() throws Exception {
        CollectingTap slow = new CollectingTap(TapFormat.PCM16_8K);
        media.addTap(slow);
        int[] ports = transcodedCall(ALICE_TO_BOB);
        firstPacket(phoneA, rtp(0, 1, 0, 0x11, (byte) 0xFF, 160), ports[0], phoneB);
        Collected c = slow.sinks.get(0);
        assertTrue(c.waitFor(1));
        CountDownLatch stuck = new CountDownLatch(1);
        c.block = stuck; // the tap thread now hangs in onFrame
        send(phoneA, rtp(0, 2, 320, 0x11, (byte) 0xFF, 160), ports[0]);
        receive(phoneB);
        Thread.sleep(100);
        int n = 400; // far more than the queue holds
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            send(phoneA, rtp(0, 3 + i, 160 * (3 + i), 0x11, (byte) 0xFF, 160), ports[0]);
            receive(phoneB);
        }
        long perPacketMicros = (System.nanoTime() - t0) / 1000 / n;
        stuck.countDown();
        for (int i = 0; i < 100 && c.dropped.get() == 0; i++) {
            Thread.sleep(20);
        }
        assertTrue(c.dropped.get() >= n - 128, "dropped and reported: " + c.dropped.get());
        assertTrue(perPacketMicros < 5000, "relayed at full speed while the tap hung: " + perPacketMicros + " µs a packet");
        sessions.get(0).close();
        assertTrue(c.closed.await(2, TimeUnit.SECONDS));
    }

    @Test
    void aTapServiceGoingAwayClosesItsSinksBeforeItsUnbindReturns() throws Exception {
        CollectingTap tap = new CollectingTap(TapFormat.PCM16_8K);
        media.addTap(tap);
        int[] ports = transcodedCall(ALICE_TO_BOB);
        firstPacket(phoneA, rtp(0, 1, 0, 0x11, (byte) 0xFF, 160), ports[0], phoneB);
        media.removeTap(tap);
        Collected c = tap.sinks.get(0);
        assertEquals(0, c.closed.getCount(), "closed by the time removeTap returned");
        int before = c.frames.size();
        send(phoneA, rtp(0, 2, 160, 0x11, (byte) 0xFF, 160), ports[0]);
        receive(phoneB);
        Thread.sleep(100);
        assertEquals(before, c.frames.size(), "never called again");
        transcodedCall(new CallIdentity("call-2", "demo", "sip:1003@d", "sip:1004@d"));
        assertEquals(List.of(ALICE_TO_BOB), tap.offered, "new calls are not offered to it");
    }
}
