package org.tabphone.call.api;

import java.time.Instant;

/** A live call as the admin sees it. {@code answered} is null while ringing. */
public record CallInfo(String id, String tenant, String caller, String callee, String state, int branches,
                       Instant started, Instant answered) {
}
