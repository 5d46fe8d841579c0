package org.tabphone.codec.opus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tabphone.codec.api.AudioCodec;
import org.tabphone.codec.api.AudioDecoder;
import org.tabphone.codec.api.AudioEncoder;

/** The Opus codec through the {@link AudioCodec} SPI only: what it says it is, tones through it, loss, garbage. */
class OpusCodecTest {
    private final AudioCodec codec = new OpusCodec();

    @Test
    void rfc7587_7_identifiesAsOpus48000TwoChannelsDynamicPayloadType() {
        assertEquals("opus", codec.encodingName());
        assertEquals(48000, codec.clockRate());
        assertEquals(2, codec.channels());
        assertEquals(-1, codec.staticPayloadType());
        for (int rate : new int[] {8000, 12000, 16000, 24000, 48000}) {
            assertTrue(codec.supportsPcmRate(rate), rate + " Hz");
        }
        assertFalse(codec.supportsPcmRate(44100));
        assertThrows(IllegalArgumentException.class, () -> codec.newDecoder(44100));
        assertThrows(IllegalArgumentException.class, () -> codec.newEncoder(11025));
    }

    @Test
    void a1kHzToneAt8kHzSurvivesEncodeAndDecode() {
        short[] decoded = roundTrip(codec.newEncoder(8000), codec.newDecoder(8000), 8000, 1000, 50);
        assertToneDominates(decoded, 8000, 1000);
    }

    @Test
    void a440HzToneEncodedAt48kHzDecodesAt8kHz() {
        AudioEncoder enc = codec.newEncoder(48000);
        AudioDecoder dec = codec.newDecoder(8000);
        byte[] packet = new byte[1500];
        short[] out = new short[50 * 160];
        for (int f = 0; f < 50; f++) {
            int n = enc.encode(Tones.sine(440, 48000, f * 960, 960), 0, 960, packet, 0);
            assertEquals(160, dec.decode(packet, 0, n, out, f * 160), "20 ms at 8 kHz per 20 ms packet");
        }
        assertToneDominates(out, 8000, 440);
    }

    @Test
    void rfc6716_4_4_lostPacketIsConcealedForOneFrameOfTheTone() {
        AudioEncoder enc = codec.newEncoder(8000);
        AudioDecoder dec = codec.newDecoder(8000);
        byte[] packet = new byte[1500];
        short[] pcm = new short[160];
        for (int f = 0; f < 25; f++) {
            int n = enc.encode(Tones.sine(1000, 8000, f * 160, 160), 0, 160, packet, 0);
            dec.decode(packet, 0, n, pcm, 0);
        }
        short[] concealed = new short[160];
        assertEquals(160, dec.decode(packet, 0, 0, concealed, 0), "one 20 ms frame of concealment");
        assertTrue(Tones.meanPower(concealed, 0, 160) > 1e5, "PLC carries the tone on, not silence");
        // and the stream goes on decoding after the gap
        int n = enc.encode(Tones.sine(1000, 8000, 26 * 160, 160), 0, 160, packet, 0);
        assertEquals(160, dec.decode(packet, 0, n, pcm, 0));
    }

    @Test
    void concealmentBeforeAnyPacketIsTwentyMillisecondsOfSilence() {
        short[] pcm = new short[960];
        assertEquals(160, codec.newDecoder(8000).decode(new byte[0], 0, 0, pcm, 0));
        assertEquals(0, Tones.meanPower(pcm, 0, 160), 1.0);
    }

    /**
     * Random bytes (SRTP keeps them out of real calls, a plain RTP leg may not): each packet is
     * refused with an {@link IllegalArgumentException} naming Opus or decodes to at most 120 ms,
     * never another exception; the decoder then decodes a real stream frame by frame. (Random
     * packets that do decode can leave Concentus's SILK state loud for a while, so the tone is
     * checked on the packets of the stream, not on this decoder's output.)
     */
    @Test
    void garbageIsRefusedWithIllegalArgumentOrDecodedAndTheDecoderGoesOn() {
        AudioEncoder enc = codec.newEncoder(8000);
        AudioDecoder dec = codec.newDecoder(8000);
        Random random = new Random(7);
        short[] pcm = new short[960];
        byte[] junk = new byte[300];
        int refused = 0;
        for (int i = 0; i < 2000; i++) {
            int len = 1 + random.nextInt(junk.length);
            random.nextBytes(junk);
            try {
                int n = dec.decode(junk, 0, len, pcm, 0);
                assertTrue(n >= 0 && n <= 960, "at most 120 ms");
            } catch (IllegalArgumentException e) {
                refused++;
                assertTrue(e.getMessage().contains("Opus"), e.getMessage());
            }
        }
        assertTrue(refused > 0, "some random packets are malformed Opus");
        byte[] packet = new byte[1500];
        AudioDecoder fresh = codec.newDecoder(8000);
        short[] out = new short[40 * 160];
        for (int f = 0; f < 40; f++) {
            int n = enc.encode(Tones.sine(1000, 8000, f * 160, 160), 0, 160, packet, 0);
            assertEquals(160, dec.decode(packet, 0, n, pcm, 0));
            assertEquals(160, fresh.decode(packet, 0, n, out, f * 160));
        }
        assertToneDominates(out, 8000, 1000);
        // a real packet cut short: refused or decoded, and the stream goes on
        int n = enc.encode(Tones.sine(1000, 8000, 0, 160), 0, 160, packet, 0);
        try {
            fresh.decode(packet, 0, n / 2, pcm, 0);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("Opus"), e.getMessage());
        }
        n = enc.encode(Tones.sine(1000, 8000, 160, 160), 0, 160, packet, 0);
        assertEquals(160, fresh.decode(packet, 0, n, pcm, 0));
    }

    @Test
    void boundsAndFrameLengthsAreCheckedWithClearErrors() {
        AudioEncoder enc = codec.newEncoder(8000);
        byte[] packet = new byte[1500];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> enc.encode(new short[240], 0, 240, packet, 0));
        assertTrue(e.getMessage().contains("no Opus frame length"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> enc.encode(new short[160], 0, 160, new byte[2], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> enc.encode(new short[100], 0, 160, packet, 0));
        int n = enc.encode(new short[160], 0, 160, packet, 0);
        AudioDecoder dec = codec.newDecoder(8000);
        assertThrows(IllegalArgumentException.class, () -> dec.decode(packet, 0, n, new short[100], 0),
            "20 ms does not fit in 100 samples");
        assertThrows(IllegalArgumentException.class, () -> dec.decode(packet, 0, n, new short[160], 160));
        assertEquals(160, dec.decode(packet, 0, n, new short[160], 0));
    }

    /** {@code frames} 20 ms frames of a tone at {@code hz} through the pair; the decoded PCM. */
    private static short[] roundTrip(AudioEncoder enc, AudioDecoder dec, int rate, double hz, int frames) {
        int frame = rate / 50;
        byte[] packet = new byte[1500];
        short[] out = new short[frames * frame];
        for (int f = 0; f < frames; f++) {
            int n = enc.encode(Tones.sine(hz, rate, f * frame, frame), 0, frame, packet, 0);
            assertTrue(n > 0 && n < 200, "a 20 ms speech frame is small: " + n);
            assertEquals(frame, dec.decode(packet, 0, n, out, f * frame));
        }
        return out;
    }

    /** After the codec's start-up (the first 200 ms), most of the power is the tone's. */
    private static void assertToneDominates(short[] pcm, int rate, double hz) {
        int from = rate / 5;
        int n = pcm.length - from;
        double total = Tones.meanPower(pcm, from, n);
        double tone = Tones.goertzel(pcm, from, n, hz, rate);
        assertTrue(total > 1e6, "audible: mean power " + total);
        assertTrue(tone / total > 0.8, hz + " Hz carries " + Math.round(100 * tone / total) + " % of the power");
    }
}
