package org.tabphone.recording.internal;

import java.io.IOException;

/**
 * Lines the two sides of a call up in one stereo stream at 8 kHz (channel 0 the caller, 1 the
 * callee): each frame goes where its RTP timestamp says, counted from where the side's first
 * frame arrived (wall clock); a side that sent nothing for a while is silence there, in either
 * channel. A new SSRC (a transfer's new callee), or a timestamp more than
 * {@value #REANCHOR_FRAMES} frames away from the arrival time, anchors the side to its arrival
 * again. Frames wait in a {@value #WINDOW_FRAMES}-frame window so the other side can catch up;
 * one side more than {@value #LAG_FRAMES} frames behind the other is written as silence there
 * and its late frames are dropped (counted). Single-threaded (the tap thread).
 */
final class StereoAligner {
    static final int RATE = 8000;
    /** Frames held back for alignment: one second. */
    static final int WINDOW_FRAMES = RATE;
    /** How far one side may trail the other before its part is written as silence: 300 ms. */
    static final int LAG_FRAMES = RATE * 3 / 10;
    /** Write at least 100 ms at a time. */
    static final int CHUNK_FRAMES = RATE / 10;
    /** RTP time this far (1 s) from arrival time is not believed: the side is anchored to its arrival again. */
    static final int REANCHOR_FRAMES = RATE;

    /** Where the stereo frames go: {@code frames} interleaved pairs from {@code samples[offset]}. */
    interface Output {
        void write(short[] samples, int offset, int frames) throws IOException;
    }

    private final Output out;
    /** A ring of interleaved frames; frame f lives at (f % WINDOW_FRAMES) * 2 + side. */
    private final short[] window = new short[WINDOW_FRAMES * 2];
    /** Frames written to the output; the window holds [flushed, flushed + WINDOW_FRAMES). */
    private long flushed;
    /** Per side: one past the last frame placed. */
    private final long[] end = new long[2];
    private boolean started;
    private long t0Nanos;
    private final boolean[] anchored = new boolean[2];
    private final int[] ssrc = new int[2];
    private final int[] tsBase = new int[2];
    private final long[] posBase = new long[2];
    private long lateFrames;

    StereoAligner(Output out) {
        this.out = out;
    }

    /**
     * One side's decoded frame.
     *
     * @param side         0 caller, 1 callee
     * @param arrivalNanos when the packet arrived (System.nanoTime)
     * @param timestamp    its RTP timestamp (8 kHz)
     */
    void add(int side, long arrivalNanos, int ssrcOf, int timestamp, short[] pcm, int off, int n) throws IOException {
        add(side, arrivalNanos, ssrcOf, timestamp, RATE, pcm, off, n);
    }

    /**
     * One side's decoded frame (8 kHz PCM) whose RTP timestamp runs at {@code clockRate} (Opus:
     * 48 kHz), so timestamp differences are scaled to 8 kHz frames.
     */
    void add(int side, long arrivalNanos, int ssrcOf, int timestamp, int clockRate, short[] pcm, int off, int n)
        throws IOException {
        if (n <= 0) {
            return;
        }
        if (!started) {
            started = true;
            t0Nanos = arrivalNanos;
        }
        // the packet left when its last sample was taken: its first sample is n frames earlier
        long arrived = Math.max(0, (arrivalNanos - t0Nanos) * RATE / 1_000_000_000L - n);
        long ticks = timestamp - tsBase[side]; // int difference: wraps like RTP time
        long pos = posBase[side] + (clockRate == RATE || clockRate <= 0 ? ticks : ticks * RATE / clockRate);
        if (!anchored[side] || ssrcOf != ssrc[side] || Math.abs(pos - arrived) > REANCHOR_FRAMES) {
            anchored[side] = true;
            ssrc[side] = ssrcOf;
            tsBase[side] = timestamp;
            posBase[side] = arrived;
            pos = arrived;
        }
        place(side, pos, pcm, off, n);
        flush(false);
    }

    private void place(int side, long pos, short[] pcm, int off, int n) throws IOException {
        if (pos < flushed) { // (partly) behind what is written already
            int skip = (int) Math.min(n, flushed - pos);
            off += skip;
            n -= skip;
            pos += skip;
            if (n == 0) {
                lateFrames++;
                return;
            }
        }
        if (pos + n > flushed + WINDOW_FRAMES) {
            flushTo(pos + n - WINDOW_FRAMES); // make room: whatever the other side has not sent by then is silence
        }
        for (int i = 0; i < n; i++) {
            window[(int) ((pos + i) % WINDOW_FRAMES) * 2 + side] = pcm[off + i];
        }
        end[side] = Math.max(end[side], pos + n);
    }

    /** Writes what both sides have passed, or what the leading side has passed by more than the lag. */
    private void flush(boolean all) throws IOException {
        long hi = Math.max(end[0], end[1]);
        long target = all ? hi : Math.max(Math.min(end[0], end[1]), hi - LAG_FRAMES);
        if (all || target - flushed >= CHUNK_FRAMES) {
            flushTo(target);
        }
    }

    private void flushTo(long target) throws IOException {
        while (flushed < target) {
            int at = (int) (flushed % WINDOW_FRAMES);
            int frames = (int) Math.min(target - flushed, WINDOW_FRAMES - at);
            out.write(window, at * 2, frames);
            java.util.Arrays.fill(window, at * 2, (at + frames) * 2, (short) 0); // silence until a side writes there again
            flushed += frames;
        }
    }

    /** The call ended: writes everything placed. */
    void finish() throws IOException {
        flush(true);
    }

    /** Stereo frames written so far. */
    long framesWritten() {
        return flushed;
    }

    /** Frames that came after their place was written already (dropped). */
    long lateFrames() {
        return lateFrames;
    }
}
