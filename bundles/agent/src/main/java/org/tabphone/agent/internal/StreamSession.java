package org.tabphone.agent.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * One call bridged to a stream agent over an {@link AgentSocket} (the README has the protocol).
 * Text frames are JSON: events from the gateway ({@code start}, {@code dtmf}, {@code played},
 * {@code transfer}, {@code stop}, {@code error}), commands from the agent ({@code play} with
 * text, {@code stop-playing}, {@code transfer}, {@code hangup}). Binary frames are audio both
 * ways: a 4-byte sequence number and a 4-byte timestamp (big-endian, 8 kHz units), then 16-bit
 * little-endian PCM at 8 kHz.
 */
final class StreamSession implements AgentSession, AgentSocket.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSession.class);
    static final int AUDIO_HEADER = 8;
    /** Audio frames in flight toward a slow agent before new ones are dropped (one second). */
    private static final int MAX_BACKLOG = 50;

    private final AgentCall call;
    private final StreamAudio audio;
    private final Speech speech;
    private final Executor voice;
    private final AtomicInteger backlog = new AtomicInteger();
    private volatile AgentSocket socket;
    private volatile boolean over;

    StreamSession(AgentCall call, StreamAudio audio, Speech speech, Executor voice) {
        this.call = call;
        this.audio = audio;
        this.speech = speech;
        this.voice = voice;
    }

    /** The call's socket is there (or being opened: sends wait for it): tell the agent the call started. */
    void attach(AgentSocket s) {
        socket = s;
        s.listen(this);
        JsonObject start = event("start");
        start.addProperty("call", call.id());
        start.addProperty("tenant", call.tenant());
        start.addProperty("number", call.number());
        start.addProperty("dialled", call.dialled());
        start.addProperty("caller", call.caller());
        start.addProperty("callerName", call.callerName());
        start.addProperty("format", audio.encoding().wireName());
        start.addProperty("rate", AgentCall.SAMPLE_RATE);
        start.addProperty("frameMs", 20);
        send(start);
    }

    /** The socket could not be opened. */
    void failed(String why) {
        over = true;
        LOG.warn("stream agent for {}: {}; hanging up", call.number(), why);
        call.hangup();
    }

    // ---- the call ----

    @Override
    public void onAudio(short[] frame, int sequence, long timestamp) {
        AgentSocket s = socket;
        if (over || s == null || backlog.get() >= MAX_BACKLOG) {
            return; // a slow agent loses audio, never the call
        }
        // its own buffer per frame: the send completes later, on the socket's thread
        ByteBuffer b = ByteBuffer.allocate(AUDIO_HEADER + audio.payloadBytes(frame.length)).order(ByteOrder.BIG_ENDIAN);
        b.putInt(sequence).putInt((int) timestamp);
        // the buffer leaves in big-endian order: the JDK's WebSocket client masks the payload eight bytes at a
        // time in the buffer's own byte order, so a little-endian buffer went out with each 8 bytes reversed
        audio.encode(frame, b);
        b.flip();
        backlog.incrementAndGet();
        s.sendBinary(b).whenComplete((r, e) -> backlog.decrementAndGet());
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
        AgentSocket s = socket;
        if (s != null) {
            s.close(reason);
        }
    }

    // ---- the agent ----

    @Override
    public void onText(String message) {
        command(message);
    }

    @Override
    public void onBinary(ByteBuffer message) {
        if (message.remaining() > AUDIO_HEADER) {
            message.position(message.position() + AUDIO_HEADER);
            call.play(audio.decode(message));
        }
    }

    @Override
    public void onClosed(String why) {
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
        AgentSocket s = socket;
        if (s != null) {
            s.sendText(message.toString());
        }
    }
}
