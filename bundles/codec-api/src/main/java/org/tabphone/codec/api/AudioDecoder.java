package org.tabphone.codec.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Decodes one stream's payloads to 16-bit linear PCM. Not thread-safe: one per stream. */
@ConsumerType
public interface AudioDecoder {

    /**
     * Decodes {@code length} payload bytes from {@code in} at {@code offset} into {@code pcm}
     * starting at {@code pcmOffset}.
     *
     * @return the number of samples written
     * @throws IllegalArgumentException if {@code pcm} has no room for the decoded samples
     */
    int decode(byte[] in, int offset, int length, short[] pcm, int pcmOffset);
}
