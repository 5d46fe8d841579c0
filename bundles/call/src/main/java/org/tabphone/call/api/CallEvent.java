package org.tabphone.call.api;

import java.time.Instant;

/**
 * Something that happened to a call, for CDRs and monitoring. An {@link Type#ENDED} event is
 * complete on its own (start and answer times included), so a CDR writer that missed the call's
 * earlier events (it was restarted mid-call) still writes the full record.
 *
 * @param type        started (INVITE accepted for routing), answered (200 relayed), ended
 * @param call        the gateway's call id
 * @param tenant      tenant name
 * @param caller      the caller's From URI
 * @param callee      the called address (Request-URI)
 * @param at          when
 * @param cause       for {@link Type#ENDED}: the final status (200 = answered and hung up normally,
 *                    487 = cancelled, 4xx-6xx = failed); 0 otherwise
 * @param endedBy     for {@link Type#ENDED}: "caller", "callee", "gateway" or "admin"; empty otherwise
 * @param started     when the call's INVITE arrived
 * @param answered    when a callee answered, or null (not yet, or never)
 * @param direction   {@code <caller kind>-><callee kind>}, kinds being {@code browser} (WS/WSS),
 *                    {@code phone} (UDP/TCP/TLS), {@code trunk} (a trunk's provider) and, for the callee only,
 *                    {@code agent} (an endpoint rung by its SIP URI, e.g. an AI agent on a virtual number);
 *                    the callee kind is {@code none} until a callee answers
 * @param trunk       the trunk the call came in on, or went out on once answered; empty for neither
 * @param callerCodec the caller leg's audio codec; empty (media does not report it to calls yet)
 * @param calleeCodec the callee leg's audio codec; empty (media does not report it to calls yet)
 */
public record CallEvent(Type type, String call, String tenant, String caller, String callee, Instant at, int cause,
                        String endedBy, Instant started, Instant answered, String direction, String trunk,
                        String callerCodec, String calleeCodec) {
    public enum Type { STARTED, ANSWERED, ENDED }
}
