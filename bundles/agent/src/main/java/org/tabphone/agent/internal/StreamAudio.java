package org.tabphone.agent.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.tabphone.agent.api.AgentCall;
import org.tabphone.codec.api.AudioCodec;
import org.tabphone.codec.api.AudioDecoder;
import org.tabphone.codec.api.AudioEncoder;

/**
 * One stream session's audio payloads in its {@link StreamEncoding}: the caller's PCM frames out
 * (on the media thread), the agent's payloads in (on the socket thread). Each direction has its
 * own coder and scratch array, so neither needs a lock.
 */
final class StreamAudio {
    private final StreamEncoding encoding;
    private final AudioEncoder encoder;
    private final AudioDecoder decoder;
    /** The encoder's output for one caller frame: media thread only. */
    private final byte[] encoded = new byte[AgentCall.SAMPLES_PER_FRAME];

    private StreamAudio(StreamEncoding encoding, AudioEncoder encoder, AudioDecoder decoder) {
        this.encoding = encoding;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    static StreamAudio l16() {
        return new StreamAudio(StreamEncoding.L16, null, null);
    }

    /** G.711 through the gateway's codec service of that encoding. */
    static StreamAudio g711(StreamEncoding encoding, AudioCodec codec) {
        return new StreamAudio(encoding, codec.newEncoder(), codec.newDecoder());
    }

    StreamEncoding encoding() {
        return encoding;
    }

    /** Payload bytes for {@code samples} samples. */
    int payloadBytes(int samples) {
        return samples * encoding.bytesPerSample;
    }

    /** Appends {@code frame} to {@code out} (big-endian order on return, as the JDK WebSocket needs it). */
    void encode(short[] frame, ByteBuffer out) {
        if (encoder == null) {
            out.order(ByteOrder.LITTLE_ENDIAN);
            for (short s : frame) {
                out.putShort(s);
            }
            out.order(ByteOrder.BIG_ENDIAN);
            return;
        }
        int n = encoder.encode(frame, 0, Math.min(frame.length, encoded.length), encoded, 0);
        out.put(encoded, 0, n);
    }

    /** The samples in the rest of {@code payload} (a heap buffer); a trailing odd byte of L16 is dropped. */
    short[] decode(ByteBuffer payload) {
        if (decoder == null) {
            short[] pcm = new short[payload.remaining() / 2];
            payload.order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
            return pcm;
        }
        short[] pcm = new short[payload.remaining()];
        int n = decoder.decode(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining(), pcm, 0);
        return n == pcm.length ? pcm : java.util.Arrays.copyOf(pcm, n);
    }
}
