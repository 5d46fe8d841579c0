package org.tabphone.cdr.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file records are appended to. Opening it cuts a torn last line (a write a kill -9 or power
 * loss interrupted: every record is one write ending in a newline, so anything after the last
 * newline is a record that was never finished).
 */
final class AppendLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppendLog.class);

    private final Path file;
    private final FileChannel channel;
    private long size;

    private AppendLog(Path file, FileChannel channel, long size) {
        this.file = file;
        this.channel = channel;
        this.size = size;
    }

    static AppendLog open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
        try {
            long end = ch.size();
            long good = endOfLastLine(ch, end);
            if (good < end) {
                ch.truncate(good);
                ch.force(true);
                LOG.warn("CDR store {}: torn last record ({} bytes after the last complete line) cut; the chain"
                    + " continues from the last complete record", file, end - good);
            }
            ch.position(good);
            return new AppendLog(file, ch, good);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Position just after the last newline, 0 if there is none. */
    static long endOfLastLine(FileChannel ch, long end) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        long pos = end;
        while (pos > 0) {
            int n = (int) Math.min(buf.capacity(), pos);
            pos -= n;
            buf.clear().limit(n);
            while (buf.hasRemaining()) {
                if (ch.read(buf, pos + buf.position()) < 0) {
                    throw new IOException("file shrank while reading its tail");
                }
            }
            for (int i = n - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return pos + i + 1;
                }
            }
        }
        return 0;
    }

    /** Writes one whole line; on failure cuts what was written of it, so the file stays whole lines. */
    void append(byte[] lineWithNewline) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(lineWithNewline);
        try {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException e) {
            try {
                channel.truncate(size);
                channel.position(size);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        size += lineWithNewline.length;
    }

    /** fsync: the data (and the size) reach the disk. */
    void force() throws IOException {
        channel.force(false);
    }

    long size() {
        return size;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
