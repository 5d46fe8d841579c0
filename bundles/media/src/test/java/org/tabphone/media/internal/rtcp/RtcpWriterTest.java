package org.tabphone.media.internal.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The gateway's RTCP against bytes worked out by hand from the RFC 3550 §6.4 and §6.5 layouts. */
class RtcpWriterTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String hex(byte[] p, int len) {
        return HEX.formatHex(Arrays.copyOf(p, len));
    }

    @Test
    void rfc3550_6_4_1_senderReportWithOneBlockThenSdesCname() {
        byte[] p = new byte[RtcpWriter.MAX_COMPOUND];
        int n = RtcpWriter.writeSenderReport(p, 0, 0x11223344, 0xE123456789ABCDEFL, 8000, 50, 8000, 1);
        n += RtcpWriter.writeReportBlock(p, n, 0x55667788, 51, 5, 0x10019, 12, 0x456789AB, 0x18000);
        n += RtcpWriter.writeSdesCname(p, n, 0x11223344, "tabphone".getBytes(StandardCharsets.US_ASCII));
        assertEquals(28 + 24 + 20, n);
        assertEquals(""
            // V=2 P=0 RC=1 | PT=200 | length in words minus one: 52 / 4 - 1 = 12
            + "81c8000c" + "11223344"
            + "e1234567" + "89abcdef" // NTP seconds, fraction
            + "00001f40" // RTP time 8000
            + "00000032" // 50 packets
            + "00001f40" // 8000 octets
            + "55667788" + "33000005" // source, fraction 51/256 | cumulative lost 5
            + "00010019" // extended highest sequence: 1 cycle, seq 25
            + "0000000c" // jitter 12 ticks
            + "456789ab" + "00018000" // LSR, DLSR 1.5 s in 1/65536 s
            // SDES: V=2 SC=1 | PT=202 | 20 bytes = 4 words + 1; SSRC; CNAME(1) len 8 "tabphone"; 2 nulls to 32 bits
            + "81ca0004" + "11223344" + "0108" + "74616270686f6e65" + "0000",
            hex(p, n));
    }

    @Test
    void rfc3550_6_4_2_emptyReceiverReport() {
        byte[] p = new byte[8];
        assertEquals(8, RtcpWriter.writeReceiverReport(p, 0, 0xCAFEBABE, 0));
        assertEquals("80c90001cafebabe", hex(p, 8));
    }

    @Test
    void rfc3550_6_4_2_receiverReportWithNegativeCumulativeLost() {
        byte[] p = new byte[32];
        int n = RtcpWriter.writeReceiverReport(p, 0, 1, 1);
        n += RtcpWriter.writeReportBlock(p, n, 2, 0, -1, 7, 0, 0, 0);
        assertEquals("81c90007" + "00000001" + "00000002" + "00ffffff" + "00000007" + "00000000" + "00000000"
            + "00000000", hex(p, n), "duplicates: -1 as 24-bit two's complement, length 7 words");
    }

    @Test
    void rfc3550_6_5_cnameItemsEndWithANullAndArePaddedTo32Bits() {
        // type, length, text, then at least one null octet up to the next 32-bit boundary
        assertEquals("81ca0002" + "00000009" + "010161" + "00", sdes("a"));
        assertEquals("81ca0003" + "00000009" + "01026162" + "00000000", sdes("ab"));
        assertEquals("81ca0003" + "00000009" + "0103616263" + "000000", sdes("abc"));
        assertEquals("81ca0003" + "00000009" + "010461626364" + "0000", sdes("abcd"));
        assertEquals("81ca0003" + "00000009" + "01056162636465" + "00", sdes("abcde"),
            "exactly one null when the text ends one short of the boundary");
        assertEquals("81ca0004" + "00000009" + "0106616263646566" + "00000000", sdes("abcdef"),
            "a full word of nulls when the text ends on the boundary");
    }

    private static String sdes(String cname) {
        byte[] p = new byte[64];
        Arrays.fill(p, (byte) 0xEE); // the padding must be written, not left over
        int n = RtcpWriter.writeSdesCname(p, 0, 9, cname.getBytes(StandardCharsets.US_ASCII));
        assertEquals(RtcpWriter.sdesLength(cname.length()), n);
        assertEquals(0, n % 4);
        return hex(p, n);
    }

    @Test
    void writesAtAnOffsetAndReadsBack() {
        byte[] p = new byte[100 + RtcpWriter.MAX_COMPOUND];
        int off = 100;
        int n = RtcpWriter.writeSenderReport(p, off, 0x0A0B0C0D, 0x0000123456780000L, 1, 2, 3, 1);
        n += RtcpWriter.writeReportBlock(p, off + n, 0x01020304, 0x40, 3, 100, 40, 0, 0);
        n += RtcpWriter.writeSdesCname(p, off + n, 0x0A0B0C0D, new byte[] {'x'});
        RemoteReports r = new RemoteReports();
        assertEquals(true, RtcpReader.read(p, off, n, 0x01020304, 5, 0, r));
        assertEquals(0x12345678, r.lastSenderReport(0x0A0B0C0D));
        assertEquals(3, r.cumulativeLost());
        assertEquals(0x40, r.fractionLost());
    }

    @Test
    void rfc3550_6_6_byeWithAndWithoutAReason() {
        byte[] p = new byte[64];
        Arrays.fill(p, (byte) 0xEE);
        assertEquals(8, RtcpWriter.writeBye(p, 0, 0x11223344, null));
        // V=2 P=0 SC=1 | PT=203 | length 1 word + 1; SSRC
        assertEquals("81cb0001" + "11223344", hex(p, 8));
        Arrays.fill(p, (byte) 0xEE);
        int n = RtcpWriter.writeBye(p, 0, 0x11223344, "call ended".getBytes(StandardCharsets.US_ASCII));
        // reason: length 10, "call ended", one null to the next 32-bit boundary: 8 + 12 = 20 bytes, 4 words + 1
        assertEquals("81cb0004" + "11223344" + "0a" + "63616c6c20656e646564" + "00", hex(p, n));
        assertEquals(RtcpWriter.byeLength(10), n);
        assertEquals(8 + 4, RtcpWriter.byeLength(0), "an empty reason is one length octet, padded");
        assertEquals(8 + 4, RtcpWriter.byeLength(3));
        assertEquals(8 + 8, RtcpWriter.byeLength(4));
    }

    /** The last compound toward a leg: RR + SDES + BYE, as RFC 3550 §6.1 orders it; the reader sees the BYE. */
    @Test
    void rfc3550_6_1_compoundEndingInByeReadsBack() {
        byte[] p = new byte[RtcpWriter.MAX_COMPOUND];
        int n = RtcpWriter.writeReceiverReport(p, 0, 0x0A0B0C0D, 0);
        n += RtcpWriter.writeSdesCname(p, n, 0x0A0B0C0D, new byte[] {'x'});
        n += RtcpWriter.writeBye(p, n, 0x0A0B0C0D, new byte[] {'b', 'y', 'e'});
        RemoteReports r = new RemoteReports();
        assertEquals(true, RtcpReader.read(p, 0, n, 0x01020304, 5, 0, r));
        assertEquals(1, r.byes());
        assertEquals(true, r.saidBye(0x0A0B0C0D));
        assertEquals(0, r.reducedSize());
    }
}
