package org.tabphone.media.internal.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** A leg's compound RTCP as the gateway reads it (RFC 3550 §6.1, §6.4, A.2). */
class RtcpReaderTest {
    private static final int OURS = 0x11223344;
    private static final int LEG = 0xAABBCCDD;

    /** SR from LEG (NTP 0x00001234:56780000, middle 0x12345678) with a block about OURS, then SDES. */
    private static final String SR_WITH_BLOCK = ""
        + "81c8000c" + "aabbccdd" + "00001234" + "56780000" + "00000640" + "00000010" + "00000a00"
        + "11223344" + "40fffffd" // fraction 64/256, cumulative lost -3
        + "00000064" + "00000028" // ext highest 100, jitter 40
        + "00010000" + "00008000" // LSR 1 s, DLSR 0.5 s (1/65536 s units)
        + "81ca0003" + "aabbccdd" + "01036c6567" + "000000"; // CNAME "leg"

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void rfc3550_6_4_1_keepsTheMiddleOfTheSrNtpTimeAndTheBlockAboutOurStream() {
        byte[] p = bytes(SR_WITH_BLOCK);
        RemoteReports r = new RemoteReports();
        long arrivalNtp = 0x0000000200000000L; // middle 32 bits 0x00020000: A = 2 s
        assertTrue(RtcpReader.read(p, 0, p.length, OURS, 7_000_000_000L, arrivalNtp, r));
        assertEquals(1, r.packets());
        assertEquals(0x12345678, r.lastSenderReport(LEG), "LSR for our next block about the leg");
        assertEquals(0, r.lastSenderReport(0x99), "no LSR for a source that sent no SR");
        assertEquals(0x40, r.fractionLost());
        assertEquals(-3, r.cumulativeLost(), "24-bit two's complement");
        assertEquals(100, r.extendedHighestSeq());
        assertEquals(40, r.jitter());
        assertEquals(0x8000, r.roundTripCompact(), "A - LSR - DLSR = 2 - 1 - 0.5 s");
        assertEquals(500.0, r.roundTripMillis(), 1e-9);
    }

    @Test
    void rfc3550_6_4_1_dlsrIsTheTimeSinceTheSrArrivedIn65536ths() {
        byte[] p = bytes(SR_WITH_BLOCK);
        RemoteReports r = new RemoteReports();
        RtcpReader.read(p, 0, p.length, OURS, 1_000_000_000L, 0, r);
        assertEquals(0x18000, r.delaySinceLastSenderReport(LEG, 2_500_000_000L), "1.5 s");
        assertEquals(0, r.delaySinceLastSenderReport(0x99, 2_500_000_000L));
    }

    @Test
    void rfc3550_6_4_1_roundTripWrapsModulo2to32AndRefusesNegative() {
        assertEquals(0x100, RtcpReader.roundTrip(0x80, 0xFFFFFF80L, 0)); // A just after the 32-bit wrap
        assertEquals(-1, RtcpReader.roundTrip(0x10000, 0x10000, 0x100), "DLSR longer than A - LSR: a clock step");
    }

    @Test
    void blocksAboutOtherSourcesAndAZeroLsrLeaveTheRoundTripAlone() {
        String rr = "82c9000d" + "aabbccdd"
            + "0badf00d" + "ff000009" + "00000001" + "00000001" + "00000000" + "00000000" // not ours
            + "11223344" + "00000002" + "00000050" + "00000003" + "00000000" + "00000000"; // ours, no LSR
        byte[] p = bytes(rr);
        RemoteReports r = new RemoteReports();
        assertTrue(RtcpReader.read(p, 0, p.length, OURS, 0, 0x0000000900000000L, r));
        assertEquals(2, r.cumulativeLost());
        assertEquals(0, r.fractionLost());
        assertEquals(-1, r.roundTripCompact(), "LSR 0: the leg has no SR of ours yet");
        assertEquals(0, r.lastSenderReport(LEG), "an RR is no SR");
    }

    @Test
    void feedbackAndByeAreSkipped() {
        String compound = "80c90001aabbccdd" // empty RR
            + "81cd0003" + "aabbccdd" + "11223344" + "00010000" // RTPFB generic NACK (RFC 4585)
            + "81cb0001" + "aabbccdd"; // BYE
        byte[] p = bytes(compound);
        RemoteReports r = new RemoteReports();
        assertTrue(RtcpReader.read(p, 0, p.length, OURS, 0, 0, r));
        assertFalse(r.haveReport());
        assertEquals(1, r.transportFeedback());
        assertEquals(1, r.byes());
        assertEquals(0, r.reducedSize(), "starts with an RR: a full compound");
    }

    /**
     * What Chromium's audio sends besides SR/RR/SDES, byte for byte after the RFC figures: generic
     * NACK (RFC 4585 §6.2.1), transport-cc (FMT 15, one packet status chunk and a delta), PLI
     * (§6.3.1, no FCI), REMB (AFB, FMT 15, "REMB" with one SSRC), XR with an RRTR block (RFC 3611
     * §4.4) and an APP packet (RFC 3550 §6.7): each counted by kind, none taken as a report.
     */
    @Test
    void rfc4585_feedbackXrAndAppAreCountedByKind() {
        String compound = SR_WITH_BLOCK
            + "81cd0003" + "aabbccdd" + "11223344" + "00050003" // NACK: PID 5, BLP 0x0003
            + "8fcd0005" + "aabbccdd" + "11223344" + "00100001" + "000e2d01" + "20010400" // transport-cc
            + "81ce0002" + "aabbccdd" + "11223344" // PLI
            + "8fce0005" + "aabbccdd" + "00000000" + "52454d42" + "010a3d09" + "11223344" // REMB 1 SSRC
            + "80cf0004" + "aabbccdd" + "04000002" + "e1234567" + "89abcdef" // XR RRTR
            + "81cc0002" + "aabbccdd" + "74657374"; // APP "test"
        byte[] p = bytes(compound);
        RemoteReports r = new RemoteReports();
        assertTrue(RtcpReader.read(p, 0, p.length, OURS, 7_000_000_000L, 0x0000000200000000L, r));
        assertEquals(1, r.packets(), "one compound");
        assertEquals(1, r.transportFeedback(), "NACK");
        assertEquals(1, r.transportCc());
        assertEquals(2, r.payloadFeedback(), "PLI and REMB");
        assertEquals(4, r.feedback());
        assertEquals(1, r.extendedReports());
        assertEquals(1, r.otherPackets(), "APP");
        assertEquals(0, r.byes());
        assertEquals(-3, r.cumulativeLost(), "the SR's block is still read");
        assertEquals(0x8000, r.roundTripCompact());
    }

    /** RFC 5506 §3.4.2: a reduced-size packet may be a lone feedback message, without SR/RR or SDES. */
    @Test
    void rfc5506_aLoneReducedSizeFeedbackPacketIsReadNotRefused() {
        RemoteReports r = new RemoteReports();
        assertTrue(read("81ce0002" + "aabbccdd" + "11223344", r), "PLI alone");
        assertTrue(read("8fcd0005" + "aabbccdd" + "11223344" + "00100001" + "000e2d01" + "20010400", r), "transport-cc alone");
        assertEquals(2, r.packets());
        assertEquals(2, r.reducedSize());
        assertEquals(1, r.payloadFeedback());
        assertEquals(1, r.transportCc());
        assertFalse(r.haveReport());
    }

    /** RFC 3550 §6.6 (figure): BYE with SC = 1 and a reason "test" padded to 32 bits. */
    @Test
    void rfc3550_6_6_byeNamesTheSourceThatLeft() {
        RemoteReports r = new RemoteReports();
        assertTrue(read("80c90001" + "aabbccdd" + "81cb0003" + "aabbccdd" + "04746573" + "74000000", r));
        assertEquals(1, r.byes());
        assertTrue(r.saidBye(LEG));
        assertFalse(r.saidBye(OURS));
    }

    @Test
    void rfc4585_6_1_andRfc3550_6_6_packetsShorterThanTheirHeaderSaysAreRefused() {
        RemoteReports r = new RemoteReports();
        assertFalse(read("80c90001aabbccdd" + "81cd0001" + "aabbccdd", r), "RTPFB without the media source SSRC");
        assertFalse(read("80c90001aabbccdd" + "81ce0001" + "aabbccdd", r), "PSFB without the media source SSRC");
        assertFalse(read("80c90001aabbccdd" + "82cb0001" + "aabbccdd", r), "BYE of two sources with room for one");
        assertFalse(read("80c90001aabbccdd" + "80cc0001" + "aabbccdd", r), "APP without its name");
        assertEquals(0, r.packets());
        assertEquals(0, r.feedback() + r.byes() + r.otherPackets(), "nothing counted from a refused compound");
    }

    @Test
    void rfc3550_A2_invalidCompoundsAreRefusedWhole() {
        RemoteReports r = new RemoteReports();
        String sr = SR_WITH_BLOCK;
        assertFalse(read(sr.substring(0, sr.length() - 8), r), "the last length runs past the datagram");
        assertFalse(read("40" + sr.substring(2), r), "version 1");
        assertFalse(read("a1" + sr.substring(2), r), "padding on a packet that is not the last");
        assertFalse(read("82c8000c" + sr.substring(8), r), "two blocks announced, room for one");
        assertFalse(read(sr + "00", r), "a trailing byte");
        assertFalse(read("80c9", r), "shorter than a header and SSRC");
        assertEquals(0, r.packets());
        assertFalse(r.haveReport(), "nothing taken from an invalid compound");
        assertEquals(0, r.lastSenderReport(LEG));
    }

    @Test
    void readsAtAnOffsetInsideALargerArray() {
        byte[] sr = bytes(SR_WITH_BLOCK);
        byte[] p = new byte[sr.length + 20];
        System.arraycopy(sr, 0, p, 10, sr.length);
        RemoteReports r = new RemoteReports();
        assertTrue(RtcpReader.read(p, 10, sr.length, OURS, 0, 0, r));
        assertEquals(0x12345678, r.lastSenderReport(LEG));
    }

    private static boolean read(String hex, RemoteReports r) {
        byte[] p = bytes(hex);
        return RtcpReader.read(p, 0, p.length, OURS, 0, 0, r);
    }
}
