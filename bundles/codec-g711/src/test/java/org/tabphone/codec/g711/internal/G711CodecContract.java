package org.tabphone.codec.g711.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.tabphone.codec.api.AudioCodec;
import org.tabphone.codec.api.AudioDecoder;
import org.tabphone.codec.api.AudioEncoder;

/**
 * Checks one G.711 codec, through the {@link AudioCodec} SPI only, against the full reference
 * vectors: all 256 decodes, all 65,536 encodes, the checkpoints, and the buffer bounds the SPI
 * promises. {@link PcmaCodecTest} and {@link PcmuCodecTest} supply the codec and its columns.
 */
abstract class G711CodecContract {

    final G711Vectors v = G711Vectors.get();
    final AudioCodec codec = newCodec();

    abstract AudioCodec newCodec();

    abstract String encoding();

    abstract int payloadType();

    /** The reference decode column for this law, indexed by code. */
    abstract short[] referenceDecode();

    /** The reference encode of every sample for this law, index {@code sample + 32768}. */
    abstract byte[] referenceEncode();

    abstract int checkpointCode(G711Vectors.Checkpoint cp);

    @Test
    void rfc3551_4_5_14_identifiesAsStaticPayloadTypeAt8000HzMono() {
        assertEquals(encoding(), codec.encodingName());
        assertEquals(8000, codec.clockRate());
        assertEquals(1, codec.channels());
        assertEquals(payloadType(), codec.staticPayloadType());
    }

    @Test
    void decodesEveryCodeAsTheReferenceTable() {
        byte[] codes = new byte[256];
        for (int c = 0; c < 256; c++) {
            codes[c] = (byte) c;
        }
        short[] pcm = new short[256];
        assertEquals(256, codec.newDecoder().decode(codes, 0, 256, pcm, 0));
        assertArrayEquals(referenceDecode(), pcm);

        AudioDecoder one = codec.newDecoder();
        short[] single = new short[3];
        for (int c = 0; c < 256; c++) {
            assertEquals(1, one.decode(codes, c, 1, single, 1));
            assertEquals(referenceDecode()[c], single[1], "code 0x" + Integer.toHexString(c));
        }
    }

    @Test
    void encodesEverySixteenBitSampleAsTheReference() {
        short[] all = G711Vectors.allSamples();
        byte[] out = new byte[65536];
        assertEquals(65536, codec.newEncoder().encode(all, 0, all.length, out, 0));
        assertSameCodes(referenceEncode(), out, 0);
    }

    @Test
    void encodesEverySampleInRtpFramesAtOffsets() {
        short[] all = G711Vectors.allSamples();
        AudioEncoder encoder = codec.newEncoder();
        byte[] packet = new byte[12 + 160];
        for (int start = 0; start < all.length; start += 160) {
            int n = Math.min(160, all.length - start);
            Arrays.fill(packet, (byte) 0x5A);
            assertEquals(n, encoder.encode(all, start, n, packet, 12));
            for (int i = 0; i < 12; i++) {
                assertEquals(0x5A, packet[i], "RTP header bytes untouched");
            }
            assertSameCodes(Arrays.copyOfRange(referenceEncode(), start, start + n),
                    Arrays.copyOfRange(packet, 12, 12 + n), start);
        }
    }

    @Test
    void encodesTheCheckpointsAndTheyAgreeWithTheFullVector() {
        AudioEncoder encoder = codec.newEncoder();
        short[] pcm = new short[1];
        byte[] out = new byte[1];
        assertTrue(v.checkpoints.size() > 1000, "checkpoints loaded: " + v.checkpoints.size());
        for (G711Vectors.Checkpoint cp : v.checkpoints) {
            assertEquals(checkpointCode(cp), referenceEncode()[cp.sample() + 32768] & 0xFF,
                    () -> "test data: checkpoint " + cp + " disagrees with the .bin file");
            pcm[0] = (short) cp.sample();
            encoder.encode(pcm, 0, 1, out, 0);
            assertEquals(checkpointCode(cp), out[0] & 0xFF, () -> "encode of " + cp.sample());
        }
    }

    @Test
    void decodeThenEncodeGivesWhatTheTablesSay() {
        AudioDecoder decoder = codec.newDecoder();
        AudioEncoder encoder = codec.newEncoder();
        byte[] codes = new byte[256];
        for (int c = 0; c < 256; c++) {
            codes[c] = (byte) c;
        }
        short[] pcm = new short[256];
        byte[] again = new byte[256];
        decoder.decode(codes, 0, 256, pcm, 0);
        encoder.encode(pcm, 0, 256, again, 0);
        for (int c = 0; c < 256; c++) {
            int expected = referenceEncode()[referenceDecode()[c] + 32768] & 0xFF;
            assertEquals(expected, again[c] & 0xFF, "code 0x" + Integer.toHexString(c));
        }
    }

    @Test
    void eachStreamGetsItsOwnDecoderAndEncoder() {
        assertNotSame(codec.newDecoder(), codec.newDecoder());
        assertNotSame(codec.newEncoder(), codec.newEncoder());
    }

    @Test
    void decodeThrowsIllegalArgumentWhenThePcmBufferHasNoRoom() {
        AudioDecoder decoder = codec.newDecoder();
        byte[] in = new byte[160];
        Arrays.fill(in, (byte) 0x00);
        short[] pcm = new short[160];
        Arrays.fill(pcm, (short) 7);
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(in, 0, 160, new short[159], 0));
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(in, 0, 160, pcm, 1));
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(in, 0, 1, pcm, 160));
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(in, 0, 1, pcm, -1));
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(in, 0, 2, pcm, Integer.MAX_VALUE));
        for (short s : pcm) {
            assertEquals(7, s, "nothing written when the call is refused");
        }
        assertEquals(160, decoder.decode(in, 0, 160, pcm, 0), "an exact fit is fine");
        assertEquals(0, decoder.decode(in, 160, 0, pcm, 160), "nothing to do at the very end is fine");
    }

    @Test
    void decodeRejectsAnInputRangeOutsideThePayload() {
        AudioDecoder decoder = codec.newDecoder();
        byte[] in = new byte[160];
        short[] pcm = new short[400];
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(in, 1, 160, pcm, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(in, -1, 10, pcm, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(in, 0, -1, pcm, 0));
    }

    @Test
    void encodeThrowsIllegalArgumentWhenThePayloadBufferHasNoRoom() {
        AudioEncoder encoder = codec.newEncoder();
        short[] pcm = new short[160];
        byte[] out = new byte[12 + 160];
        Arrays.fill(out, (byte) 7);
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(pcm, 0, 160, new byte[159], 0));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(pcm, 0, 160, out, 13));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(pcm, 0, 1, out, out.length));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(pcm, 0, 1, out, -1));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(pcm, 0, 2, out, Integer.MAX_VALUE));
        for (byte b : out) {
            assertEquals(7, b, "nothing written when the call is refused");
        }
        assertEquals(160, encoder.encode(pcm, 0, 160, out, 12), "an exact fit is fine");
        assertEquals(0, encoder.encode(pcm, 160, 0, out, out.length), "nothing to do at the very end is fine");
    }

    @Test
    void encodeRejectsAnInputRangeOutsideThePcm() {
        AudioEncoder encoder = codec.newEncoder();
        short[] pcm = new short[160];
        byte[] out = new byte[400];
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.encode(pcm, 1, 160, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.encode(pcm, -1, 10, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.encode(pcm, 0, -1, out, 0));
    }

    @Test
    void encodeAndDecodeAllocateNothingPerCall() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "allocation counter not available");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "allocation counter not enabled");
        AudioDecoder decoder = codec.newDecoder();
        AudioEncoder encoder = codec.newEncoder();
        byte[] payload = new byte[160];
        short[] pcm = new short[160];
        for (int i = 0; i < 160; i++) {
            payload[i] = (byte) (i * 37);
        }
        long id = Thread.currentThread().getId();
        threads.getThreadAllocatedBytes(id);                 // warm the counter itself up
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 20_000; i++) {
            decoder.decode(payload, 0, 160, pcm, 0);
            encoder.encode(pcm, 0, 160, payload, 0);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 4096, "20,000 frames each way allocated " + allocated + " bytes");
    }

    private static void assertSameCodes(byte[] expected, byte[] actual, int firstIndex) {
        assertEquals(expected.length, actual.length);
        int mismatches = 0;
        int first = -1;
        for (int k = 0; k < expected.length; k++) {
            if (expected[k] != actual[k]) {
                if (first < 0) {
                    first = k;
                }
                mismatches++;
            }
        }
        if (mismatches > 0) {
            fail(mismatches + " of " + expected.length + " samples encode differently from the reference; first: sample "
                    + (firstIndex + first - 32768) + " gave 0x" + Integer.toHexString(actual[first] & 0xFF)
                    + ", expected 0x" + Integer.toHexString(expected[first] & 0xFF));
        }
    }
}
