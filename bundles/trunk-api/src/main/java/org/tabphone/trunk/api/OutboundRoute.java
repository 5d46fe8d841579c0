package org.tabphone.trunk.api;

/** A trunk that can carry a dialled number, and the number in E.164. */
public record OutboundRoute(String trunk, String e164) {
}
