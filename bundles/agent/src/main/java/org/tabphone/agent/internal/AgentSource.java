package org.tabphone.agent.internal;

/** One agent configuration's current, valid definition (a service inside this bundle). */
interface AgentSource {
    AgentDefinition current();
}
