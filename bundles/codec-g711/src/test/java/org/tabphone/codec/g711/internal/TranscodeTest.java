package org.tabphone.codec.g711.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.tabphone.codec.api.AudioCodec;
import org.tabphone.codec.api.AudioDecoder;
import org.tabphone.codec.api.AudioEncoder;

/**
 * PCMA and PCMU transcoded into each other the way media does it: one codec's decoder, then the
 * other's encoder, through the SPI, with the frame buffers reused. The expected codes are composed
 * from the reference vector files, never from the code under test.
 */
class TranscodeTest {

    private final G711Vectors v = G711Vectors.get();
    private final AudioCodec pcma = new PcmaCodec();
    private final AudioCodec pcmu = new PcmuCodec();

    /** A→µ: µ-law code of the A-law code's linear value, per the vector files. */
    private int aToU(int a) {
        return G711Vectors.ulawEncode(v, v.alawDecode[a]);
    }

    private int uToA(int u) {
        return G711Vectors.alawEncode(v, v.ulawDecode[u]);
    }

    @Test
    void pcmaToPcmuToPcmaGivesWhatTheTablesSayForEveryCode() {
        byte[] a = allCodes();
        byte[] u = transcode(pcma, pcmu, a);
        byte[] back = transcode(pcmu, pcma, u);
        int unchanged = 0;
        for (int c = 0; c < 256; c++) {
            assertEquals(aToU(c), u[c] & 0xFF, "A->u of 0x" + Integer.toHexString(c));
            assertEquals(uToA(aToU(c)), back[c] & 0xFF, "A->u->A of 0x" + Integer.toHexString(c));
            if ((back[c] & 0xFF) == c) {
                unchanged++;
            }
        }
        // With the Sun tables, 240 of the 256 A-law codes survive A->u->A; the others move one step.
        assertEquals(countFixedPoints(true), unchanged);
        assertTrue(unchanged >= 200, "most A-law codes should survive a round trip: " + unchanged);
    }

    @Test
    void pcmuToPcmaToPcmuGivesWhatTheTablesSayForEveryCode() {
        byte[] u = allCodes();
        byte[] a = transcode(pcmu, pcma, u);
        byte[] back = transcode(pcma, pcmu, a);
        for (int c = 0; c < 256; c++) {
            assertEquals(uToA(c), a[c] & 0xFF, "u->A of 0x" + Integer.toHexString(c));
            assertEquals(aToU(uToA(c)), back[c] & 0xFF, "u->A->u of 0x" + Integer.toHexString(c));
        }
    }

    @Test
    void aSecondRoundTripChangesNothing() {
        byte[] once = transcode(pcmu, pcma, transcode(pcma, pcmu, allCodes()));
        byte[] twice = transcode(pcmu, pcma, transcode(pcma, pcmu, once));
        assertEquals(Arrays.toString(once), Arrays.toString(twice));
    }

    @Test
    void transcodesAnRtpPayloadInPlaceAfterTheHeaderWithReusedBuffers() {
        AudioDecoder decoder = pcma.newDecoder();
        AudioEncoder encoder = pcmu.newEncoder();
        byte[] packet = new byte[12 + 160];
        short[] pcm = new short[160];
        for (int frame = 0; frame < 8; frame++) {
            Arrays.fill(packet, 0, 12, (byte) 0x80);
            for (int i = 0; i < 160; i++) {
                packet[12 + i] = (byte) (frame * 160 + i);
            }
            byte[] input = packet.clone();
            assertEquals(160, decoder.decode(packet, 12, 160, pcm, 0));
            assertEquals(160, encoder.encode(pcm, 0, 160, packet, 12));
            for (int i = 0; i < 12; i++) {
                assertEquals((byte) 0x80, packet[i], "RTP header untouched");
            }
            for (int i = 0; i < 160; i++) {
                assertEquals(aToU(input[12 + i] & 0xFF), packet[12 + i] & 0xFF, "frame " + frame + " byte " + i);
            }
        }
    }

    private int countFixedPoints(boolean alaw) {
        int n = 0;
        for (int c = 0; c < 256; c++) {
            if ((alaw ? uToA(aToU(c)) : aToU(uToA(c))) == c) {
                n++;
            }
        }
        return n;
    }

    private static byte[] allCodes() {
        byte[] codes = new byte[256];
        for (int c = 0; c < 256; c++) {
            codes[c] = (byte) c;
        }
        return codes;
    }

    private static byte[] transcode(AudioCodec from, AudioCodec to, byte[] payload) {
        short[] pcm = new short[payload.length];
        byte[] out = new byte[payload.length];
        from.newDecoder().decode(payload, 0, payload.length, pcm, 0);
        to.newEncoder().encode(pcm, 0, pcm.length, out, 0);
        return out;
    }
}
