package org.tabphone.transport.api;

/**
 * Names one flow (RFC 5626 §3): a connection for TCP/TLS/WS/WSS, a (listener, remote address)
 * pair for UDP. Ids are never reused within one run of the transport.
 */
public record FlowId(long value) {
    @Override
    public String toString() {
        return "flow-" + value;
    }
}
