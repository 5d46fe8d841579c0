package org.tabphone.agent.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.agent.api.AgentCall;
import org.tabphone.agent.api.AgentSession;
import org.tabphone.agent.api.TransferOutcome;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * One call bridged to a stream agent over a WebSocket (the README has the protocol).
 * Text frames are JSON: events from the gateway ({@code start}, {@code dtmf}, {@code played},
 * {@code transfer}, {@code stop}, {@code error}), commands from the agent ({@code play} with
 * text, {@code stop-playing}, {@code transfer}, {@code hangup}). Binary frames are audio both
 * ways: a 4-byte sequence number and a 4-byte timestamp (big-endian, 8 kHz units), then 16-bit
 * little-endian PCM at 8 kHz.
 */
final class StreamSession implements AgentSession, WebSocket.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSession.class);
    static final int AUDIO_HEADER = 8;
    /** Audio frames in flight toward a slow agent before new ones are dropped (one second). */
    private static final int MAX_BACKLOG = 50;

    private final AgentCall call;
    private final Speech speech;
    private final Executor voice;
    private final AtomicInteger backlog = new AtomicInteger();
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer binary = ByteBuffer.allocate(0);
    /** Sends chain on this: the JDK WebSocket takes one outstanding send at a time. */
    private CompletableFuture<WebSocket> outbox;
    private volatile boolean over;

    StreamSession(AgentCall call, Speech speech, Executor voice) {
        this.call = call;
        this.speech = speech;
        this.voice = voice;
    }

    void connect(HttpClient http) {
        String url = call.settings().getOrDefault("url", "");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            LOG.warn("stream agent for {}: url '{}' is not a URI; hanging up", call.number(), url);
            call.hangup();
            return;
        }
        synchronized (this) {
            outbox = http.newWebSocketBuilder().buildAsync(uri, this).toCompletableFuture();
            outbox.whenComplete((ws, error) -> {
                if (error != null) {
                    LOG.warn("stream agent for {}: cannot connect to {}: {}; hanging up", call.number(), url,
                        error.getMessage());
                    over = true;
                    call.hangup();
                }
            });
        }
        JsonObject start = event("start");
        start.addProperty("call", call.id());
        start.addProperty("tenant", call.tenant());
        start.addProperty("number", call.number());
        start.addProperty("caller", call.caller());
        start.addProperty("callerName", call.callerName());
        start.addProperty("format", "L16");
        start.addProperty("rate", AgentCall.SAMPLE_RATE);
        start.addProperty("frameMs", 20);
        send(start);
    }

    // ---- the call ----

    @Override
    public void onAudio(short[] frame, int sequence, long timestamp) {
        if (over || backlog.get() >= MAX_BACKLOG) {
            return; // a slow agent loses audio, never the call
        }
        ByteBuffer b = ByteBuffer.allocate(AUDIO_HEADER + frame.length * 2).order(ByteOrder.BIG_ENDIAN);
        b.putInt(sequence).putInt((int) timestamp).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : frame) {
            b.putShort(s);
        }
        // back to big-endian before sending: the JDK's WebSocket client masks the payload eight bytes at a
        // time in the buffer's own byte order, so a little-endian buffer went out with each 8 bytes reversed
        b.order(ByteOrder.BIG_ENDIAN).flip();
        backlog.incrementAndGet();
        chain(ws -> ws.sendBinary(b, true)).whenComplete((ws, e) -> backlog.decrementAndGet());
    }

    @Override
    public void onDtmf(char digit) {
        JsonObject e = event("dtmf");
        e.addProperty("digit", String.valueOf(digit));
        send(e);
    }

    @Override
    public void onPlayed() {
        send(event("played"));
    }

    @Override
    public void onEnd(String reason) {
        JsonObject e = event("stop");
        e.addProperty("reason", reason);
        send(e);
        over = true;
        chain(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, reason));
    }

    // ---- the agent ----

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String message = text.toString();
            text.setLength(0);
            command(message);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        if (binary.remaining() < data.remaining()) {
            binary = ByteBuffer.allocate(binary.position() + data.remaining() + 4096).put(binary.flip());
        }
        binary.put(data);
        if (last) {
            binary.flip();
            if (binary.remaining() > AUDIO_HEADER) {
                binary.position(AUDIO_HEADER).order(ByteOrder.LITTLE_ENDIAN);
                short[] pcm = new short[binary.remaining() / 2];
                binary.asShortBuffer().get(pcm);
                call.play(pcm);
            }
            binary.clear().order(ByteOrder.BIG_ENDIAN);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
        agentGone("closed the stream (" + status + " " + reason + ")");
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        agentGone("stream failed: " + error.getMessage());
    }

    private void agentGone(String why) {
        if (!over) {
            over = true;
            LOG.info("stream agent for call {} {}: hanging up", call.id(), why);
            call.hangup();
        }
    }

    private void command(String message) {
        JsonObject c;
        try {
            c = JsonParser.parseString(message).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            error("not a JSON object: " + abbreviate(message));
            return;
        }
        String name = string(c, "command");
        switch (name) {
            case "play" -> {
                String say = string(c, "text");
                if (say.isBlank()) {
                    error("play needs text");
                } else {
                    voice.execute(() -> call.play(speech.say(say)));
                }
            }
            case "stop-playing" -> call.stopPlaying();
            case "hangup" -> {
                over = true;
                call.hangup();
            }
            case "transfer" -> transfer(string(c, "target"));
            default -> error("unknown command '" + name + "'");
        }
    }

    private void transfer(String target) {
        if (target.isBlank()) {
            error("transfer needs a target");
            return;
        }
        progress(target, 100, "Trying");
        call.transfer(target).whenComplete((TransferOutcome o, Throwable e) ->
            progress(target, o != null ? o.status() : 500, o != null ? o.reason() : String.valueOf(e)));
    }

    private void progress(String target, int status, String reason) {
        JsonObject e = event("transfer");
        e.addProperty("target", target);
        e.addProperty("status", status);
        e.addProperty("reason", reason);
        send(e);
    }

    private void error(String message) {
        JsonObject e = event("error");
        e.addProperty("message", message);
        send(e);
    }

    private static JsonObject event(String name) {
        JsonObject e = new JsonObject();
        e.addProperty("event", name);
        return e;
    }

    private static String string(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : "";
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    private void send(JsonObject message) {
        String json = message.toString();
        chain(ws -> ws.sendText(json, true));
    }

    private synchronized CompletableFuture<WebSocket> chain(java.util.function.Function<WebSocket, CompletionStage<WebSocket>> send) {
        CompletableFuture<WebSocket> previous = outbox;
        if (previous == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not connected"));
        }
        // each send waits for the one before; a failed send fails the ones after it, quietly
        outbox = previous.thenCompose(send).toCompletableFuture();
        return outbox;
    }
}
