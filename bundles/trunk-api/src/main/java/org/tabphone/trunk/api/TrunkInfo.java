package org.tabphone.trunk.api;

/** A trunk as the operator sees it: settings, connection status, lines in use, and what was turned away. */
public record TrunkInfo(TrunkSettings settings, TrunkStatus status, int inbound, int outbound, long held, long refused) {
}
