package org.tabphone.media.api;

/**
 * Whose call a media session carries, as the B2BUA knows it when it opens the session: what a
 * {@link MediaTap} decides on (since 0.5.0).
 *
 * @param call   the gateway's call id (the id call events and CDRs carry)
 * @param tenant the tenant's name, empty when unknown
 * @param caller the caller's From URI, e.g. {@code sip:1001@demo.tabphone.test}
 * @param callee the called address (Request-URI), e.g. {@code sip:1002@demo.tabphone.test}
 */
public record CallIdentity(String call, String tenant, String caller, String callee) {
    public CallIdentity {
        call = call == null ? "" : call;
        tenant = tenant == null ? "" : tenant;
        caller = caller == null ? "" : caller;
        callee = callee == null ? "" : callee;
    }

    /** Only the call id: a session opened without the caller's identity (nothing else known). */
    public static CallIdentity of(String call) {
        return new CallIdentity(call, "", "", "");
    }
}
