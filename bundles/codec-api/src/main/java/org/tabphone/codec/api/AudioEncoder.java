package org.tabphone.codec.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Encodes one stream's 16-bit linear PCM to payloads. Not thread-safe: one per stream. */
@ConsumerType
public interface AudioEncoder {

    /**
     * Encodes {@code samples} samples from {@code pcm} at {@code pcmOffset} into {@code out}
     * starting at {@code outOffset}.
     *
     * @return the number of payload bytes written
     * @throws IllegalArgumentException if {@code out} has no room for the encoded bytes, or
     *         {@code samples} is not a frame length the codec can encode (Opus: 2.5 to 60 ms)
     */
    int encode(short[] pcm, int pcmOffset, int samples, byte[] out, int outOffset);
}
