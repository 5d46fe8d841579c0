package org.tabphone.codec.opus.internal;

import java.util.Objects;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import org.tabphone.codec.api.AudioDecoder;

/**
 * One stream's Opus decoder, mono at {@code pcmRate} (a stereo stream is downmixed by libopus). It
 * always decodes at 48 kHz and decimates itself: Concentus 1.0.2 decoding at a lower rate returns
 * silence for SILK and hybrid packets wider than that rate (what browsers send), so its internal
 * resampler is not used. A zero-length payload is a lost packet: libopus conceals it (PLC) for as
 * long as the last packet lasted. A malformed packet throws {@link IllegalArgumentException}; the
 * decoder is reset and goes on with the next packet.
 */
final class OpusStreamDecoder implements AudioDecoder {
    /** The longest Opus packet: 120 ms (RFC 6716 §3.2.5), at 48 kHz. */
    private static final int MAX_PACKET_SAMPLES = 5760;

    private final OpusDecoder decoder;
    private final int factor;
    /** Null at 48 kHz: decoded straight into the caller's buffer. */
    private final Decimator decimator;

    OpusStreamDecoder(int pcmRate) {
        try {
            this.decoder = new OpusDecoder(OpusCodec.RTP_CLOCK, 1);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus decoder: " + e.getMessage(), e);
        }
        this.factor = OpusCodec.RTP_CLOCK / pcmRate;
        this.decimator = factor == 1 ? null : new Decimator(factor, MAX_PACKET_SAMPLES);
    }

    @Override
    public int decode(byte[] in, int offset, int length, short[] pcm, int pcmOffset) {
        Objects.checkFromIndexSize(offset, length, in.length);
        int room = pcm.length - pcmOffset;
        if (pcmOffset < 0 || room <= 0) {
            throw new IllegalArgumentException("no room for samples at offset " + pcmOffset + " in a buffer of "
                + pcm.length);
        }
        short[] target = decimator == null ? pcm : decimator.input();
        int at = decimator == null ? pcmOffset : decimator.inputOffset();
        int max = decimator == null ? Math.min(room, MAX_PACKET_SAMPLES) : MAX_PACKET_SAMPLES;
        int n;
        try {
            if (length == 0) {
                int last = decoder.getLastPacketDuration();
                int frame = Math.min(max, last > 0 ? last : OpusCodec.RTP_CLOCK / 50); // 20 ms before any packet came
                n = decoder.decode(null, 0, 0, target, at, frame, false);
            } else {
                n = decoder.decode(in, offset, length, target, at, max, false);
            }
        } catch (OpusException e) {
            decoder.resetState();
            throw new IllegalArgumentException("Opus packet of " + length + " bytes not decoded: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // the port indexes arrays from the packet's bits: garbage must not escape as anything else
            decoder.resetState();
            throw new IllegalArgumentException("malformed Opus packet of " + length + " bytes: " + e, e);
        }
        if (decimator == null) {
            return n;
        }
        if (n / factor > room) {
            throw new IllegalArgumentException("no room for " + n / factor + " samples at offset " + pcmOffset
                + " in a buffer of " + pcm.length);
        }
        return decimator.filter(n, pcm, pcmOffset);
    }
}
