package org.tabphone.admin.internal.jmx;

import java.util.Map;

/** {@code org.tabphone:type=Agents}: configured agents and the calls they have. */
public interface AgentsMBean {
    int getCount();

    int getActiveCalls();

    /** Agent name → "type numbers (available|type not installed)". */
    Map<String, String> getAgents();

    /** pocketsphinx and its model are installed: callers may say a colleague's name. */
    boolean isRecognizerAvailable();

    /** "" when available, else why names are not recognised. */
    String getRecognizerState();

    /** Name recognitions that ran to the end since start. */
    long getRecognitions();

    /** Of those, the ones that heard a name on the menu. */
    long getRecognitionsHeard();

    /** Recognitions that failed (program error or deadline). */
    long getRecognitionsFailed();

    /** Mean milliseconds per recognition that ran to the end; 0 before the first. */
    double getRecognitionMeanMillis();

    /** ws://host:port/agents/ where stream agents with a token connect, or "" when there is no listener. */
    String getStreamListener();

    /** Open sockets of stream agents (waiting for a call or carrying one). */
    int getStreamSocketsConnected();

    /** Of those, the ones waiting for a call. */
    int getStreamSocketsWaiting();
}
