package org.tabphone.call.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Whiteboard: told about every call event. Runs on I/O threads: must not block (queue slow work). */
@ConsumerType
public interface CallEventListener {
    void onCallEvent(CallEvent event);
}
