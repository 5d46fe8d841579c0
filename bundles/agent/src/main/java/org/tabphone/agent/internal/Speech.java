package org.tabphone.agent.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.agent.api.AgentCall;

/**
 * Prompts spoken by espeak-ng, as 8 kHz PCM for an agent to {@link AgentCall#play}. Runs the
 * program (a second or less per prompt), so call it off the signalling and media threads.
 * Without espeak-ng a prompt is a short tone per sentence, and one warning says why.
 */
@Component(service = Speech.class, configurationPid = "org.tabphone.speech")
@Designate(ocd = SpeechConfig.class)
public final class Speech {
    private static final Logger LOG = LoggerFactory.getLogger(Speech.class);
    private static final int CACHE = 64;

    private volatile SpeechConfig config;
    private volatile boolean warned;
    private final Map<String, short[]> cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, short[]> eldest) {
            return size() > CACHE;
        }
    });

    @Activate
    @Modified
    void configure(SpeechConfig c) {
        config = c;
        cache.clear();
        warned = false;
    }

    /** {@code text} as speech (8 kHz PCM); blocks while espeak-ng runs. Never null. */
    short[] say(String text) {
        short[] hit = cache.get(text);
        if (hit != null) {
            return hit;
        }
        SpeechConfig c = config;
        short[] pcm;
        try {
            pcm = Wav.toPcm8k(run(List.of(c.espeak_command(), "--stdout", "-v", c.espeak_voice(),
                "-s", Integer.toString(c.espeak_speed()), "--", text)));
        } catch (IOException e) {
            if (!warned) {
                warned = true;
                LOG.warn("agent prompts are tones, not speech: {} ({}); install espeak-ng", c.espeak_command(),
                    e.getMessage());
            }
            pcm = Tones.beeps(Math.max(1, text.split("[.?!]+").length));
        }
        cache.put(text, pcm);
        return pcm;
    }

    private static byte[] run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("exit status " + p.exitValue());
        }
        return out.toByteArray();
    }
}
