package org.tabphone.agent.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * One WebSocket to a stream agent, whichever side opened it ({@link OutboundAgentSocket}: the
 * gateway dialled the agent's url; {@link InboundAgentSocket}: the agent connected to the
 * gateway). Sends may come from any thread and go out in the order they were made.
 */
interface AgentSocket {
    /** Whole messages from the agent, and the socket's end. Called on the socket's own thread. */
    interface Listener {
        void onText(String message);

        /** A whole binary message, read before the call returns (the buffer is reused). */
        void onBinary(ByteBuffer message);

        void onClosed(String why);
    }

    /** From now on messages go to {@code listener}. */
    void listen(Listener listener);

    CompletionStage<?> sendText(String message);

    /** {@code frame} is the socket's from now on. */
    CompletionStage<?> sendBinary(ByteBuffer frame);

    void close(String reason);

    /** Where the agent is, for the log. */
    String describe();
}
