package org.tabphone.media.internal;

/**
 * Carries RTP timestamps from one clock rate to another when a route transcodes across rates
 * (Opus 48 kHz ↔ G.711 8 kHz): each packet's output timestamp moves from the previous one by the
 * input's difference times {@code out / in}, so the output runs at its own clock, continuous and
 * wrapping like RTP time. A reordered (older) packet is placed without moving the reference; a new
 * source SSRC starts a new reference (the leg's {@link StreamRewriter} joins the streams).
 * Event-loop confined.
 */
final class TimestampScaler {
    private final int in;
    private final int out;
    private boolean started;
    private int ssrc;
    private int lastIn;
    private int lastOut;

    TimestampScaler(int inRate, int outRate) {
        this.in = inRate;
        this.out = outRate;
    }

    int scale(int sourceSsrc, int ts) {
        if (!started || sourceSsrc != ssrc) {
            started = true;
            ssrc = sourceSsrc;
            lastIn = ts;
            lastOut = (int) ((ts & 0xFFFFFFFFL) * out / in);
            return lastOut;
        }
        int diff = ts - lastIn; // signed: wraps like RTP time
        int result = lastOut + (int) Math.floorDiv((long) diff * out, in);
        if (diff >= 0) {
            // move the reference by whole output ticks only, so rounding never accumulates
            long whole = Math.floorDiv((long) diff * out, in);
            lastIn += (int) (whole * in / out);
            lastOut += (int) whole;
        }
        return result;
    }
}
