package org.tabphone.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tabphone.media.api.DropReason;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.internal.srtp.SrtpProfile;
import org.tabphone.media.internal.srtp.SrtpSession;

/**
 * The relay's packet path, one datagram at a time through a leg's {@link LegHandler} on an
 * {@link EmbeddedChannel}: each way a packet can go nowhere is counted under its own
 * {@link DropReason}, on the leg it concerns and in the totals, and a relayed packet is counted as
 * relayed only when it really went out.
 */
class LegHandlerTest {
    private static final Format PCMU = Format.of(0, "PCMU", 8000);
    private static final Format PCMA = Format.of(8, "PCMA", 8000);
    private static final InetSocketAddress PHONE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 4000);
    private static final InetSocketAddress OTHER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5000);
    private final RelayCounters counters = new RelayCounters();
    private final LegHandler handler = new LegHandler(counters);
    private final EmbeddedChannel in = new EmbeddedChannel(handler);
    private final EmbeddedChannel out = new EmbeddedChannel();

    @AfterEach
    void close() {
        in.finishAndReleaseAll();
        out.finishAndReleaseAll();
    }

    private Leg leg(EndpointKind kind) {
        Leg leg = new Leg("caller", kind, 20000, InetAddress.getLoopbackAddress(), in, null, null, null, in.eventLoop(),
            counters);
        leg.remote = PHONE;
        handler.attach(leg);
        return leg;
    }

    /** The leg packets from {@link #leg} are relayed to. */
    private Leg target(Leg from, boolean transcode) {
        Leg to = new Leg("callee:b1", EndpointKind.RTP, 20002, InetAddress.getLoopbackAddress(), out, null, null, null,
            out.eventLoop(), counters);
        to.remote = OTHER;
        from.route = new Route(to, PCMU, null, transcode ? PCMA : PCMU, null, transcode, new CodecRegistry());
        from.format = PCMU;
        return to;
    }

    private void receive(byte[] datagram) {
        in.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(datagram), PHONE, PHONE));
    }

    private long total(DropReason r) {
        return counters.droppedByReason().get(r);
    }

    @Test
    void rfc7983_aDatagramThatIsNeitherRtpStunNorDtlsIsNotMedia() {
        Leg leg = leg(EndpointKind.RTP);
        receive("GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        receive(new byte[] {0x16, (byte) 0xFE, (byte) 0xFD, 0, 0}); // DTLS toward a plain RTP leg
        assertEquals(Map.of(DropReason.NOT_MEDIA, 2L), leg.info().drops());
        assertEquals(2, leg.info().packetsDropped());
        assertEquals(2, total(DropReason.NOT_MEDIA));
    }

    @Test
    void rfc3264_6_1_rtpFromBeforeTheLegWasConnectedIsHeldThenRelayedInOrder() {
        Leg leg = leg(EndpointKind.RTP); // a callee that talks as soon as it has sent its 200
        receive(RtpRelayTest.rtp(0, 1, 160, 7, (byte) 0, 160));
        receive(RtpRelayTest.rtp(0, 2, 320, 7, (byte) 0, 160));
        assertNull(out.readOutbound());
        target(leg, false);
        leg.format = PCMU; // as LegBridge.connect does, then tells the loop
        LegHandler.connected(leg);
        receive(RtpRelayTest.rtp(0, 3, 480, 7, (byte) 0, 160));
        int[] seqs = new int[3];
        for (int i = 0; i < 3; i++) {
            DatagramPacket d = out.readOutbound();
            assertNotNull(d, "packet " + i);
            seqs[i] = d.content().getUnsignedShort(2);
            d.release();
        }
        assertEquals(seqs[0] + 1, seqs[1], "held ones first, in order");
        assertEquals(seqs[1] + 1, seqs[2]);
        assertEquals(3, counters.relayed.sum());
        assertEquals(Map.of(), leg.info().drops());
    }

    @Test
    void heldRtpIsBoundedAndWhatIsStaleWhenTheRouteComesIsDropped() throws Exception {
        Leg leg = leg(EndpointKind.RTP);
        for (int i = 0; i < EarlyPackets.SLOTS + 2; i++) {
            receive(RtpRelayTest.rtp(0, i, 160 * i, 7, (byte) 0, 160));
        }
        assertEquals(Map.of(DropReason.NOT_CONNECTED, 2L), leg.info().drops(), "the oldest go first");
        Thread.sleep(EarlyPackets.MAX_AGE_NANOS / 1_000_000 + 20); // ringback long before an answer, say
        target(leg, false);
        leg.format = PCMU;
        LegHandler.connected(leg);
        assertNull(out.readOutbound(), "too old to relay");
        assertEquals(Map.of(DropReason.NOT_CONNECTED, EarlyPackets.SLOTS + 2L), leg.info().drops());
        assertEquals(EarlyPackets.SLOTS + 2L, total(DropReason.NOT_CONNECTED));
    }

    @Test
    void heldRtpFromAnotherAddressThanTheAnswersIsDropped() {
        Leg leg = leg(EndpointKind.RTP); // a port reused at once: the old call's peer still sends to it
        in.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(RtpRelayTest.rtp(0, 1, 160, 9, (byte) 0, 160)),
            PHONE, OTHER));
        receive(RtpRelayTest.rtp(0, 1, 160, 7, (byte) 0, 160));
        target(leg, false);
        leg.format = PCMU;
        leg.remote = PHONE; // the answer's address
        LegHandler.connected(leg);
        DatagramPacket d = out.readOutbound();
        assertNotNull(d);
        d.release();
        assertNull(out.readOutbound(), "only the packet from the answer's address");
        assertEquals(Map.of(DropReason.NOT_CONNECTED, 1L), leg.info().drops());
    }

    @Test
    void rtpOfALegNoLongerConnectedIsNotConnectedAndAfterItsReleaseEnded() {
        Leg leg = leg(EndpointKind.RTP);
        leg.format = PCMU; // it was connected once (a superseded early-media branch, a transferor's leg)
        receive(RtpRelayTest.rtp(0, 1, 160, 7, (byte) 0, 160));
        leg.released = true; // as LegPorts.release does before the route goes
        receive(RtpRelayTest.rtp(0, 2, 320, 7, (byte) 0, 160));
        receive(RtpRelayTest.rtp(0, 3, 480, 7, (byte) 0, 160));
        assertEquals(Map.of(DropReason.NOT_CONNECTED, 1L, DropReason.ENDED, 2L), leg.info().drops());
        assertEquals(1, total(DropReason.NOT_CONNECTED));
        assertEquals(2, total(DropReason.ENDED));
        assertEquals(0, counters.relayed.sum());
    }

    @Test
    void rtpHeldForALegThatIsReleasedUnconnectedEndsWithItsPort() {
        Leg leg = leg(EndpointKind.RTP); // a branch that lost the fork
        receive(RtpRelayTest.rtp(0, 1, 160, 7, (byte) 0, 160));
        receive(RtpRelayTest.rtp(0, 2, 320, 7, (byte) 0, 160));
        leg.released = true;
        in.close();
        assertEquals(Map.of(DropReason.ENDED, 2L), leg.info().drops());
    }

    @Test
    void rfc3264_aPayloadTypeTheOtherLegDidNotAcceptIsUnmapped() {
        Leg leg = leg(EndpointKind.RTP);
        Leg to = target(leg, false);
        receive(RtpRelayTest.rtp(13, 1, 160, 7, (byte) 0, 1)); // comfort noise (RFC 3389)
        receive(RtpRelayTest.rtp(0, 2, 320, 7, (byte) 0, 160));
        assertEquals(Map.of(DropReason.UNMAPPED, 1L), leg.info().drops());
        assertEquals(1, counters.relayed.sum());
        DatagramPacket sent = out.readOutbound();
        assertNotNull(sent, "the PCMU packet went on");
        assertEquals(OTHER, sent.recipient());
        sent.release();
        assertEquals(0, to.info().packetsDropped());
    }

    @Test
    void withoutACodecServiceTheTranscodedPayloadIsDropped() {
        Leg leg = leg(EndpointKind.RTP);
        target(leg, true); // PCMU → PCMA, but the registry has no codec
        receive(RtpRelayTest.rtp(0, 1, 160, 7, (byte) 0, 160));
        assertEquals(Map.of(DropReason.TRANSCODE_FAILED, 1L), leg.info().drops());
        assertNull(out.readOutbound());
    }

    @Test
    void rfc3264_8_4_packetsForALegOnHoldAreDroppedOnThatLegNotRelayed() {
        Leg leg = leg(EndpointKind.RTP);
        Leg to = target(leg, false);
        to.receives = false; // it said sendonly
        receive(RtpRelayTest.rtp(0, 1, 160, 7, (byte) 0, 160));
        to.receives = true;
        to.remote = null; // (a browser before ICE)
        receive(RtpRelayTest.rtp(0, 2, 320, 7, (byte) 0, 160));
        assertEquals(Map.of(), leg.info().drops(), "the sender's packets were fine");
        assertEquals(Map.of(DropReason.ON_HOLD, 1L, DropReason.NO_REMOTE, 1L), to.info().drops());
        assertEquals(0, counters.relayed.sum(), "dropped, not relayed");
        assertNull(out.readOutbound());
    }

    @Test
    void packetsForAClosedPortAreClosed() {
        Leg leg = leg(EndpointKind.RTP);
        Leg to = target(leg, false);
        out.close();
        receive(RtpRelayTest.rtp(0, 1, 160, 7, (byte) 0, 160));
        assertEquals(Map.of(DropReason.CLOSED, 1L), to.info().drops());
    }

    @Test
    void rfc3711_srtpBeforeDtlsKeysAndSrtpThatFailsAuthenticationOrRepeats() {
        Leg leg = leg(EndpointKind.WEBRTC);
        target(leg, false);
        byte[] plain = RtpRelayTest.rtp(0, 1, 160, 7, (byte) 0, 160);
        receive(plain.clone()); // no keys yet
        SrtpProfile profile = SrtpProfile.AES128_CM_HMAC_SHA1_80;
        byte[] k1 = MediaPacketFuzzTest.key(profile.keyLength(), 0x10);
        byte[] s1 = MediaPacketFuzzTest.key(profile.saltLength(), 0x40);
        byte[] k2 = MediaPacketFuzzTest.key(profile.keyLength(), 0x20);
        byte[] s2 = MediaPacketFuzzTest.key(profile.saltLength(), 0x60);
        try (SrtpSession gateway = new SrtpSession(profile, k1, s1, k2, s2, 1);
                SrtpSession browser = new SrtpSession(profile, k2, s2, k1, s1, 1)) {
            leg.srtp = gateway;
            byte[] p = new byte[plain.length + profile.rtpOverhead()];
            System.arraycopy(plain, 0, p, 0, plain.length);
            int n = browser.protectRtp(p, 0, plain.length);
            byte[] srtp = java.util.Arrays.copyOf(p, n);
            receive(srtp.clone()); // relayed
            receive(srtp.clone()); // the same packet again
            srtp[n - 1] ^= 1;
            srtp[2] = 9; // another sequence number, a tag that doesn't match it
            receive(srtp);
        }
        assertEquals(Map.of(DropReason.SRTP_NOT_READY, 1L, DropReason.SRTP_REPLAY, 1L, DropReason.SRTP_AUTH, 1L),
            leg.info().drops());
        assertEquals(1, counters.relayed.sum());
        DatagramPacket sent = out.readOutbound();
        assertNotNull(sent);
        sent.release();
    }
}
