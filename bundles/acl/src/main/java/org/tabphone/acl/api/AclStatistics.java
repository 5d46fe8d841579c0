package org.tabphone.acl.api;

import java.util.Map;

/**
 * Counters since the access control started.
 *
 * @param checked        REGISTER and INVITE requests looked at
 * @param allowedByRule  allowed by an explicit allow rule (the rest passed by default)
 * @param denied         answered 403
 * @param dropped        denied over UDP and discarded without an answer ({@code udp.deny = drop})
 * @param throttled      requests over a source's rate limit (answered 503 once a second, the rest dropped)
 * @param scanners       requests dropped for a scanner's User-Agent
 * @param deniedByScope  denials per scope ({@code global} or a tenant name)
 */
public record AclStatistics(long checked, long allowedByRule, long denied, long dropped, long throttled, long scanners,
                            Map<String, Long> deniedByScope) {
    public AclStatistics {
        deniedByScope = Map.copyOf(deniedByScope);
    }
}
