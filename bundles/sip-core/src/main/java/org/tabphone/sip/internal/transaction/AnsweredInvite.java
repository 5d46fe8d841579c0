package org.tabphone.sip.internal.transaction;

/**
 * An INVITE server transaction that has sent its final response. RFC 3261 §9.2: a CANCEL for it
 * has no effect and is answered 200, with the To tag of that final response.
 */
interface AnsweredInvite {
    /** The To tag of the final response, or null if it had none. */
    String toTag();
}
