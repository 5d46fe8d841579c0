package org.tabphone.media.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One RTP packet of one side of a tapped call, as {@link TapSink#onFrame} gets it. A view the
 * media bundle reuses: valid only during that call; copy what you keep.
 */
@ProviderType
public interface TapFrame {

    TapSide side();

    /** When the packet arrived at the gateway ({@link System#nanoTime()}): lines the two sides up. */
    long arrivalNanos();

    int ssrc();

    int sequence();

    /** The sender's RTP timestamp (clock rate of {@link #clockRate()}). */
    int rtpTimestamp();

    int payloadType();

    /** The leg's audio format as in {@code a=rtpmap}, e.g. {@code PCMU/8000}; empty for other payload types (DTMF, CN). */
    String codec();

    /** The RTP clock rate of {@link #codec()} (8000 for G.711). */
    int clockRate();

    /** PCM16_8K: the decoded samples ({@link #samples()} of them from {@link #pcmOffset()}). RTP: empty. */
    short[] pcm();

    int pcmOffset();

    int samples();

    /** RTP: the packet, header included ({@link #rtpLength()} bytes from {@link #rtpOffset()}). PCM16_8K: empty. */
    byte[] rtp();

    int rtpOffset();

    int rtpLength();
}
