package org.tabphone.admin.internal.jmx;

import java.util.Map;

/** {@code org.tabphone:type=Agents}: configured agents and the calls they have. */
public interface AgentsMBean {
    int getCount();

    int getActiveCalls();

    /** Agent name → "type numbers (available|type not installed)". */
    Map<String, String> getAgents();
}
