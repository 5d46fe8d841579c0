package org.tabphone.call.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Live calls, for the shell and JMX. */
@ProviderType
public interface CallService {
    List<CallInfo> calls();

    /** Ends a call (BYE to both legs, or CANCEL/480 while ringing); false if there is no such call. */
    boolean hangup(String callId);

    /** Calls attempted, answered and failed since start. */
    CallCounters counters();

    record CallCounters(long attempts, long answered, long failed, int active) {
    }
}
