package org.tabphone.cdr.api;

/**
 * A search over the newest records. Empty strings match everything; {@code caller} and
 * {@code callee} match any part of the URI.
 *
 * @param tenant exact tenant name, or empty
 * @param caller part of the caller URI, or empty
 * @param callee part of the callee URI, or empty
 * @param limit  at most this many records, newest first
 */
public record CdrQuery(String tenant, String caller, String callee, int limit) {
    public CdrQuery {
        tenant = tenant == null ? "" : tenant;
        caller = caller == null ? "" : caller;
        callee = callee == null ? "" : callee;
    }

    public boolean matches(CdrRecord r) {
        return (tenant.isEmpty() || tenant.equals(r.tenant())) && r.caller().contains(caller)
            && r.callee().contains(callee);
    }
}
