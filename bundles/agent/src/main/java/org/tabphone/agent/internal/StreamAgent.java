package org.tabphone.agent.internal;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.agent.api.AgentCall;
import org.tabphone.agent.api.AgentSession;
import org.tabphone.agent.api.VoiceAgent;

/**
 * The audio stream bridge ({@code type = stream}): each call opens a WebSocket to the agent's
 * {@code url} and speaks the protocol in {@link StreamSession} — the caller's audio and digits
 * out, the agent's audio and commands (play, transfer, hangup) in.
 */
@Component(service = VoiceAgent.class, property = VoiceAgent.TYPE + "=stream")
public final class StreamAgent implements VoiceAgent {
    @Reference
    private Speech speech;

    private HttpClient http;
    private ExecutorService voice;

    @Activate
    void activate() {
        voice = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tabphone-agent-stream");
            t.setDaemon(true);
            return t;
        });
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(voice).build();
    }

    @Deactivate
    void deactivate() {
        voice.shutdownNow();
    }

    @Override
    public AgentSession answer(AgentCall call) {
        StreamSession s = new StreamSession(call, speech, voice);
        s.connect(http);
        return s;
    }
}
