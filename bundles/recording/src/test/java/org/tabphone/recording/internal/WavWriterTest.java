package org.tabphone.recording.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WAV as readers see it: the JDK's own reader, and the header a killed gateway leaves. */
class WavWriterTest {
    @TempDir
    Path dir;

    private static short[] stereo(int frames, int left, int right) {
        short[] s = new short[frames * 2];
        for (int i = 0; i < frames; i++) {
            s[2 * i] = (short) left;
            s[2 * i + 1] = (short) right;
        }
        return s;
    }

    @Test
    void aFinishedFileIsStereo8kHz16BitPcmWithEveryFrameInTheRightChannel() throws Exception {
        Path f = dir.resolve("demo/2026-11-30/x.wav");
        try (WavWriter w = WavWriter.create(f)) {
            w.write(stereo(800, 1000, -1000), 0, 800);
            w.write(stereo(800, 7, 9), 0, 400); // only the first 400 frames
        }
        assertEquals(44 + 1200 * 4, Files.size(f));
        try (AudioInputStream in = AudioSystem.getAudioInputStream(f.toFile())) {
            AudioFormat af = in.getFormat();
            assertEquals(2, af.getChannels());
            assertEquals(8000f, af.getSampleRate());
            assertEquals(16, af.getSampleSizeInBits());
            assertEquals(AudioFormat.Encoding.PCM_SIGNED, af.getEncoding());
            assertEquals(1200, in.getFrameLength());
            byte[] all = in.readAllBytes();
            ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(1000, b.getShort(0));
            assertEquals(-1000, b.getShort(2));
            assertEquals(7, b.getShort(800 * 4));
            assertEquals(9, b.getShort(800 * 4 + 2));
        }
    }

    @Test
    void aFileLeftOpenByAKilledGatewaySaysHowMuchAudioItHeldAtTheLastSecond() throws Exception {
        Path f = dir.resolve("killed.wav");
        WavWriter w = WavWriter.create(f);
        w.write(stereo(8000, 1, 2), 0, 8000);   // one second: the header is brought up to date
        w.write(stereo(4000, 3, 4), 0, 4000);   // half a second more, not yet in the header
        // no close(): the process died here
        byte[] head = Files.readAllBytes(f);
        ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        assertArrayEquals("RIFF".getBytes(), java.util.Arrays.copyOf(head, 4));
        assertEquals(8000 * 4, h.getInt(40), "data size as of the last full second");
        assertEquals(36 + 8000 * 4, h.getInt(4));
        try (AudioInputStream in = AudioSystem.getAudioInputStream(f.toFile())) {
            assertEquals(8000, in.getFrameLength(), "a reader opens it");
        }
        w.close();
        try (AudioInputStream in = AudioSystem.getAudioInputStream(f.toFile())) {
            assertEquals(12_000, in.getFrameLength());
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        Path f = dir.resolve("taken.wav");
        Files.writeString(f, "someone else's");
        assertThrows(FileAlreadyExistsException.class, () -> WavWriter.create(f));
        assertEquals("someone else's", Files.readString(f));
    }
}
