package org.tabphone.media.internal.tap;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.codec.api.AudioCodec;
import org.tabphone.media.api.CallIdentity;
import org.tabphone.media.api.MediaTap;
import org.tabphone.media.api.TapFormat;
import org.tabphone.media.api.TapSink;

/**
 * The {@link MediaTap} whiteboard and the tap thread: offers each call to the registered taps,
 * and every {@value #DRAIN_MILLIS} ms hands the tapped calls' queued packets to their sinks, off
 * the media event loops. Owned by the media component (its thread ends with it).
 */
public final class TapDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(TapDispatcher.class);
    static final long DRAIN_MILLIS = 20;

    private final List<MediaTap> taps = new CopyOnWriteArrayList<>();
    private final Set<SessionTap> active = ConcurrentHashMap.newKeySet();
    /** Tap services that failed once: later failures are logged at DEBUG only. */
    private final Set<MediaTap> failedBefore = ConcurrentHashMap.newKeySet();
    private final Function<String, AudioCodec> codecs;
    private final LongSupplier codecGeneration;
    private final ScheduledExecutorService thread;
    final LongAdder framesDropped = new LongAdder();
    final LongAdder sinkFailures = new LongAdder();

    /**
     * @param codecs          the codec service for an encoding name, or null
     * @param codecGeneration moves whenever a codec service comes or goes
     */
    public TapDispatcher(Function<String, AudioCodec> codecs, LongSupplier codecGeneration) {
        this.codecs = codecs;
        this.codecGeneration = codecGeneration;
        this.thread = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("tabphone-media-tap", true));
        thread.scheduleWithFixedDelay(this::drainAll, DRAIN_MILLIS, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
    }

    public void addTap(MediaTap tap) {
        taps.add(tap);
    }

    /** The service is going away: its sinks are closed now and never called after this returns. */
    public void removeTap(MediaTap tap) {
        taps.remove(tap);
        for (SessionTap s : active) {
            s.closeSinks(tap);
        }
        failedBefore.remove(tap);
    }

    /**
     * Offers the call to every tap; the session's tap when at least one took it, else null. Runs on
     * the call's thread (the taps decide without I/O).
     */
    public SessionTap attach(CallIdentity call) {
        if (taps.isEmpty()) {
            return null;
        }
        SessionTap session = new SessionTap(call, this);
        for (MediaTap tap : taps) {
            try {
                Optional<TapSink> sink = tap.tap(call);
                if (sink != null && sink.isPresent()) {
                    TapFormat format = sink.get().format();
                    session.add(tap, sink.get(), format == null ? TapFormat.PCM16_8K : format);
                }
            } catch (RuntimeException | LinkageError e) {
                failed(tap, call, e);
            }
        }
        if (!session.hasSinks()) {
            return null;
        }
        active.add(session);
        for (MediaTap tap : List.copyOf(taps)) {
            if (!taps.contains(tap)) {
                session.closeSinks(tap); // unregistered while we asked it
            }
        }
        return session;
    }

    /** Frames dropped on the way to taps since start. */
    public long framesDropped() {
        return framesDropped.sum();
    }

    /** Taps calls are being handed to now. */
    public int activeCalls() {
        return active.size();
    }

    SideDecoder newDecoder() {
        return new SideDecoder(codecs, codecGeneration);
    }

    void failed(MediaTap tap, CallIdentity call, Throwable e) {
        sinkFailures.increment();
        if (failedBefore.add(tap)) {
            LOG.warn("media tap {} failed on call {} and is detached from it (later failures of this tap: DEBUG)",
                tap.getClass().getName(), call.call(), e);
        } else {
            LOG.debug("media tap {} failed on call {}: {}", tap.getClass().getName(), call.call(), e.toString());
        }
    }

    private void drainAll() {
        for (SessionTap s : active) {
            try {
                if (s.drain()) {
                    active.remove(s);
                }
            } catch (RuntimeException e) { // never let one call stop the thread for all others
                LOG.warn("media tap of call {}: drain failed", s.call().call(), e);
                active.remove(s);
            }
        }
    }

    /** Delivers what is queued, closes every sink, ends the thread. */
    public void shutdown() {
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SessionTap s : active) {
            s.close();
            s.drain();
        }
        active.clear();
    }
}
