package org.tabphone.codec.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Decodes one stream's payloads to 16-bit linear PCM. Not thread-safe: one per stream. */
@ConsumerType
public interface AudioDecoder {

    /**
     * Decodes {@code length} payload bytes from {@code in} at {@code offset} into {@code pcm}
     * starting at {@code pcmOffset}.
     *
     * <p>{@code length == 0} means the packet was lost (a gap in sequence numbers): a codec with
     * packet loss concealment writes one frame of concealed audio, others write nothing (G.711).
     *
     * @return the number of samples written
     * @throws IllegalArgumentException if {@code pcm} has no room for the decoded samples, or the
     *         payload is malformed (a codec with a bitstream syntax, e.g. Opus); the decoder stays usable
     */
    int decode(byte[] in, int offset, int length, short[] pcm, int pcmOffset);
}
