package org.tabphone.media.internal.tap;

import org.tabphone.media.api.TapFrame;
import org.tabphone.media.api.TapSide;

/** The one {@link TapFrame} a session's drain reuses for every packet (the tap thread only). */
final class TapFrameView implements TapFrame {
    private static final short[] NO_PCM = new short[0];

    TapSide side;
    long arrivalNanos;
    int ssrc;
    int sequence;
    int rtpTimestamp;
    int payloadType;
    String codec = "";
    int clockRate;
    short[] pcm = NO_PCM;
    int samples;
    byte[] rtp;
    int rtpLength;

    void noPcm() {
        pcm = NO_PCM;
        samples = 0;
    }

    @Override
    public TapSide side() {
        return side;
    }

    @Override
    public long arrivalNanos() {
        return arrivalNanos;
    }

    @Override
    public int ssrc() {
        return ssrc;
    }

    @Override
    public int sequence() {
        return sequence;
    }

    @Override
    public int rtpTimestamp() {
        return rtpTimestamp;
    }

    @Override
    public int payloadType() {
        return payloadType;
    }

    @Override
    public String codec() {
        return codec;
    }

    @Override
    public int clockRate() {
        return clockRate;
    }

    @Override
    public short[] pcm() {
        return pcm;
    }

    @Override
    public int pcmOffset() {
        return 0;
    }

    @Override
    public int samples() {
        return samples;
    }

    @Override
    public byte[] rtp() {
        return rtp;
    }

    @Override
    public int rtpOffset() {
        return 0;
    }

    @Override
    public int rtpLength() {
        return rtpLength;
    }
}
