package org.tabphone.agent.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What one answered call tells its agent. Audio and DTMF come on the agent media thread, the
 * rest on the signalling thread: return quickly from each, never block.
 */
@ConsumerType
public interface AgentSession {

    /**
     * One 20 ms frame of the caller's voice: {@link AgentCall#SAMPLES_PER_FRAME} samples of
     * 8 kHz 16-bit PCM. The array is reused for the next frame: copy what you keep.
     *
     * @param sequence  the RTP sequence number it came in (gaps show loss)
     * @param timestamp its RTP timestamp (8 kHz units)
     */
    default void onAudio(short[] frame, int sequence, long timestamp) {
    }

    /** A key the caller pressed (RFC 4733 telephone-event or SIP INFO): 0-9, *, #, A-D. */
    default void onDtmf(char digit) {
    }

    /** Everything queued with {@link AgentCall#play} has been sent. */
    default void onPlayed() {
    }

    /**
     * The call is over for the agent: the caller hung up ({@code "caller"}), the agent hung up
     * ({@code "agent"}), or the caller was transferred ({@code "transferred"}).
     */
    default void onEnd(String reason) {
    }
}
