package org.tabphone.agent.api;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** One call answered by an agent. Any thread may call these; none of them blocks. */
@ProviderType
public interface AgentCall {
    /** Audio is 8 kHz mono 16-bit PCM in 20 ms frames of this many samples. */
    int SAMPLES_PER_FRAME = 160;
    int SAMPLE_RATE = 8000;

    /** The gateway's id of this leg (its Call-ID). */
    String id();

    String tenant();

    /**
     * The virtual number the caller dialled: {@link #dialled()} when it is one of the agent's
     * numbers, else the agent's first number.
     */
    String number();

    /**
     * The user part of the To URI the gateway rang the agent with: the number the caller dialled as
     * the gateway passed it on — possibly none of the agent's numbers (a number a router mapped
     * to the agent); "" when To has no user part.
     */
    String dialled();

    /** Who calls: the From URI's user, or "anonymous". */
    String caller();

    /** The caller's display name, or "". */
    String callerName();

    /** The agent configuration's keys (name, numbers, type and any agent-specific ones such as url). */
    Map<String, String> settings();

    /** Queues audio for the caller (8 kHz PCM); sent paced at 20 ms per frame after what is queued. */
    void play(short[] pcm);

    /** Drops what {@link #play} queued and not yet sent (barge-in). */
    void stopPlaying();

    /** True while queued audio is being sent. */
    boolean playing();

    /**
     * Hands the caller to {@code target} — a user name, extension, colleague's display name or a
     * SIP URI — with a REFER. Completes with the transfer's final outcome: on success the agent's
     * leg then ends ({@link AgentSession#onEnd} "transferred"); on failure the caller is still
     * with the agent.
     */
    CompletionStage<TransferOutcome> transfer(String target);

    /** Ends the call (BYE). */
    void hangup();
}
