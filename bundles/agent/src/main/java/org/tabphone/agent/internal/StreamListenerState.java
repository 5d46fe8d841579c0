package org.tabphone.agent.internal;

import org.tabphone.agent.api.Agents;

/** What the stream bridge's inbound listener is doing, for {@link Agents#streamListener()} (a service inside this bundle). */
interface StreamListenerState {
    Agents.StreamListener streamListener();
}
