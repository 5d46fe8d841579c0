package org.tabphone.media.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.tabphone.codec.api.AudioCodec;

/**
 * The codec services installed right now, by encoding name. The generation counter moves on
 * every change so routes re-resolve their codecs (a codec bundle updated mid-call takes over).
 */
final class CodecRegistry {
    private final Map<String, AudioCodec> byEncoding = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    void add(AudioCodec codec) {
        byEncoding.put(key(codec.encodingName()), codec);
        generation.incrementAndGet();
    }

    void remove(AudioCodec codec) {
        byEncoding.remove(key(codec.encodingName()), codec);
        generation.incrementAndGet();
    }

    Optional<AudioCodec> find(String encoding) {
        return Optional.ofNullable(byEncoding.get(key(encoding)));
    }

    /**
     * Whether media can transcode {@code f} right now: a codec service for its encoding and clock
     * rate is installed and serves 8 kHz PCM, the rate every transcoded call meets at.
     */
    boolean transcodable(Format f) {
        AudioCodec c = byEncoding.get(key(f.encoding()));
        return c != null && c.clockRate() == f.clockRate() && c.supportsPcmRate(Route.PCM_RATE);
    }

    long generation() {
        return generation.get();
    }

    private static String key(String encoding) {
        return encoding.toUpperCase(Locale.ROOT);
    }
}
