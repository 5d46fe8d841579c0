package org.tabphone.agent.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One thread that gives every agent leg its 20 ms RTP tick (packet time of the frames it sends). */
final class MediaClock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaClock.class);

    private final Set<AgentRtp> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tabphone-agent-media");
        t.setDaemon(true);
        return t;
    });

    MediaClock() {
        thread.scheduleAtFixedRate(this::tick, 20, 20, TimeUnit.MILLISECONDS);
    }

    void add(AgentRtp rtp) {
        streams.add(rtp);
    }

    void remove(AgentRtp rtp) {
        streams.remove(rtp);
    }

    /** Runs {@code task} on the media thread (where agents hear audio and digits). */
    void execute(Runnable task) {
        thread.execute(task);
    }

    int streams() {
        return streams.size();
    }

    private void tick() {
        for (AgentRtp rtp : streams) {
            try {
                rtp.tick();
            } catch (RuntimeException e) {
                LOG.warn("agent media: a stream failed its tick", e); // one bad agent never stops the clock
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
