package org.tabphone.recording.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A 16-bit PCM WAV file (RIFF, 8 kHz, stereo) written as the call goes. The header's sizes are
 * brought up to date every second of audio, not only at the end, so a gateway killed mid-call
 * leaves a file every WAV reader opens (all but the last second's audio). Not thread-safe.
 */
final class WavWriter implements StereoAligner.Output, AutoCloseable {
    static final int HEADER_BYTES = 44;
    static final int RATE = StereoAligner.RATE;
    static final int CHANNELS = 2;
    static final int BYTES_PER_FRAME = CHANNELS * 2;
    /** Header sizes are rewritten after this much new audio: one second. */
    private static final long HEADER_EVERY_BYTES = (long) RATE * BYTES_PER_FRAME;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(StereoAligner.CHUNK_FRAMES * 2 * BYTES_PER_FRAME)
        .order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer sizes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    private long dataBytes;
    private long dataBytesInHeader;

    private WavWriter(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Creates the file (and its folders); fails if it exists. */
    static WavWriter create(Path file) throws IOException {
        Path dir = file.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        WavWriter w = new WavWriter(file, ch);
        try {
            w.writeHeader();
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return w;
    }

    private void writeHeader() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36)
            .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
            .putShort((short) 1) // PCM
            .putShort((short) CHANNELS).putInt(RATE).putInt(RATE * BYTES_PER_FRAME)
            .putShort((short) BYTES_PER_FRAME).putShort((short) 16)
            .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0);
        h.flip();
        while (h.hasRemaining()) {
            channel.write(h);
        }
    }

    @Override
    public void write(short[] samples, int offset, int frames) throws IOException {
        int i = offset;
        int end = offset + frames * CHANNELS;
        while (i < end) {
            buffer.clear();
            while (i < end && buffer.remaining() >= 2) {
                buffer.putShort(samples[i++]);
            }
            buffer.flip();
            dataBytes += buffer.remaining();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
        if (dataBytes - dataBytesInHeader >= HEADER_EVERY_BYTES) {
            updateSizes();
        }
    }

    /** RIFF chunk size (offset 4) and data chunk size (offset 40): what a reader believes the file holds. */
    private void updateSizes() throws IOException {
        long data = Math.min(dataBytes, 0xFFFF_FFFFL - 36);
        putAt(4, 36 + data);
        putAt(40, data);
        dataBytesInHeader = dataBytes;
    }

    private void putAt(long position, long value) throws IOException {
        sizes.clear();
        sizes.putInt((int) value).flip();
        while (sizes.hasRemaining()) {
            channel.write(sizes, position + sizes.position());
        }
    }

    Path file() {
        return file;
    }

    long dataBytes() {
        return dataBytes;
    }

    /** Final sizes in the header, then closes the file. */
    @Override
    public void close() throws IOException {
        try {
            updateSizes();
        } finally {
            channel.close();
        }
    }
}
