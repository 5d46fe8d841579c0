package org.tabphone.media.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One call's tap, as a {@link MediaTap} returned it. Every method runs on the media bundle's tap
 * thread (never on a media event loop), one call at a time per sink, frames of each side in
 * arrival order. The thread is shared by every tapped call: a buffered file write is fine, a
 * network round trip is not (queue it). A sink that throws is closed and detached from its call
 * (logged once per tap service); the call's media goes on untouched.
 */
@ConsumerType
public interface TapSink {

    /** What this sink is handed; asked once, when it is attached. */
    default TapFormat format() {
        return TapFormat.PCM16_8K;
    }

    /** A packet of one side (see {@link TapFrame}: a reused view). */
    void onFrame(TapFrame frame);

    /**
     * Frames of this call that never reached the sink since the last report: the hand-over queue
     * was full (the tap thread fell behind) or a packet was larger than a queue slot. The relay
     * itself never waits for a tap.
     */
    default void onDropped(long frames) {
    }

    /** The call's media ended, or the tap service is going away: finish (e.g. close the file). Called once. */
    void close();
}
