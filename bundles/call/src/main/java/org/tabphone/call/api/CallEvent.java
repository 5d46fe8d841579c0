package org.tabphone.call.api;

import java.time.Instant;

/**
 * Something that happened to a call, for CDRs and monitoring.
 *
 * @param type   started (INVITE accepted for routing), answered (200 relayed), ended
 * @param call   the gateway's call id
 * @param tenant tenant name
 * @param caller the caller's From URI
 * @param callee the called address (Request-URI)
 * @param at     when
 * @param cause  for {@link Type#ENDED}: the final status (200 = answered and hung up normally,
 *               487 = cancelled, 4xx-6xx = failed); 0 otherwise
 * @param endedBy for {@link Type#ENDED}: "caller", "callee", "gateway" or "admin"; empty otherwise
 */
public record CallEvent(Type type, String call, String tenant, String caller, String callee, Instant at, int cause,
                        String endedBy) {
    public enum Type { STARTED, ANSWERED, ENDED }
}
