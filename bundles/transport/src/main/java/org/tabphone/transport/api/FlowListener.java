package org.tabphone.transport.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: told when a flow ends, so bindings and dialogs that depend on it go too
 * (RFC 5626 §4.4, RFC 7118 §5). Must not block.
 */
@ConsumerType
public interface FlowListener {
    void onFlowClosed(Flow flow);
}
