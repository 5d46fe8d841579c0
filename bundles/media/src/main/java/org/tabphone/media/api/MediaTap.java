package org.tabphone.media.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard SPI on the media path (recording, lawful interception): register a service of this
 * type and every anchored call is offered to it, once, when its media first connects (a callee's
 * answer or early media). A tap that wants the call returns a {@link TapSink}, which then gets both
 * directions of the call's audio — decoded PCM or raw RTP — until the call ends.
 *
 * <p>Taps are invisible to the parties: the media bundle copies each packet (before any
 * transcoding) into a bounded queue per call that its tap thread drains; nothing sent changes, and
 * when the queue is full the copy is dropped and counted ({@link TapSink#onDropped}), never waited
 * for. When a tap service unregisters, its sinks are closed before the unbind returns.
 */
@ConsumerType
public interface MediaTap {

    /**
     * Whether to tap this call. Runs on the call's signalling thread, holding the media session's
     * lock: decide from {@code call} alone, quickly, without I/O (open files later, in the sink).
     *
     * @return the sink for this call, or empty to leave the call alone
     */
    Optional<TapSink> tap(CallIdentity call);
}
