package org.tabphone.call.api;

import java.time.Instant;

/**
 * Something that happened to a call, for CDRs and monitoring. An {@link Type#ENDED} event is
 * complete on its own (start and answer times included), so a CDR writer that missed the call's
 * earlier events (it was restarted mid-call) still writes the full record.
 *
 * <p>A call transferred by either party (REFER, RFC 3515: an agent handing the caller to a
 * colleague, a caller handing the callee on; or Replaces, RFC 3891) has segments: a
 * {@link Type#TRANSFERRED} event, complete like ENDED, describes the segment that ended with the
 * transfer (callee, direction and answer time as they were; cause 200, endedBy {@code transfer});
 * the next segment starts when the REFER came, calls the target's address of record, and is
 * answered when the target answered. Its caller is the party that stayed (after a caller's
 * transfer: the callee as it was dialled). The other call of an attended transfer ends with
 * endedBy {@code transfer}.
 *
 * @param type        started (INVITE accepted for routing), answered (200 relayed), transferred, ended
 * @param call        the gateway's call id
 * @param tenant      tenant name
 * @param caller      the caller's From URI
 * @param callee      the called address (Request-URI)
 * @param at          when
 * @param cause       for {@link Type#ENDED}: the final status (200 = answered and hung up normally,
 *                    487 = cancelled, 4xx-6xx = failed); 0 otherwise
 * @param endedBy     for {@link Type#ENDED}: "caller", "callee", "gateway" or "admin"; "transfer" for
 *                    {@link Type#TRANSFERRED}; empty otherwise
 * @param started     when the segment began: the call's INVITE, or the REFER of the transfer before it
 * @param answered    when a callee answered, or null (not yet, or never)
 * @param direction   {@code <caller kind>-><callee kind>}, kinds being {@code browser} (WS/WSS),
 *                    {@code phone} (UDP/TCP/TLS), {@code trunk} (a trunk's provider) and, for the callee only,
 *                    {@code agent} (an endpoint rung by its SIP URI, e.g. an AI agent on a virtual number);
 *                    the callee kind is {@code none} until a callee answers
 * @param trunk       the trunk the call came in on, or went out on once answered; empty for neither
 * @param callerCodec for a segment's end: the caller leg's audio codec on its wire (e.g. {@code PCMU/8000});
 *                    empty when media was not anchored or never negotiated
 * @param calleeCodec for a segment's end: the answering callee leg's audio codec, likewise
 * @param callerRtp   for a segment's end: what the gateway received from the caller since its leg was set up
 * @param calleeRtp   for a segment's end: what it received from the answering callee
 */
public record CallEvent(Type type, String call, String tenant, String caller, String callee, Instant at, int cause,
                        String endedBy, Instant started, Instant answered, String direction, String trunk,
                        String callerCodec, String calleeCodec, RtpCounters callerRtp, RtpCounters calleeRtp) {

    /** Without media details (no media anchored, or an event that does not report them). */
    public CallEvent(Type type, String call, String tenant, String caller, String callee, Instant at, int cause,
                     String endedBy, Instant started, Instant answered, String direction, String trunk,
                     String callerCodec, String calleeCodec) {
        this(type, call, tenant, caller, callee, at, cause, endedBy, started, answered, direction, trunk, callerCodec,
            calleeCodec, RtpCounters.NONE, RtpCounters.NONE);
    }

    /**
     * RTP one leg sent to the gateway (RFC 3550 receiver statistics), and what its RTCP told the
     * gateway about the stream the gateway sent it.
     *
     * @param packets         packets received
     * @param lost            packets lost (sequence gaps)
     * @param jitterMillis    interarrival jitter at the end, in ms
     * @param roundTripMillis round trip gateway–leg from the leg's last report block echoing a gateway SR
     *                        (RFC 3550 §6.4.1), in ms; -1 when never measured (since 0.3.0)
     * @param remoteLost      cumulative packets of the gateway's stream the leg reported lost; -1 when it
     *                        never reported (since 0.3.0)
     */
    public record RtpCounters(long packets, long lost, double jitterMillis, double roundTripMillis, long remoteLost) {
        public static final RtpCounters NONE = new RtpCounters(0, 0, 0);

        /** Without RTCP figures (as before 0.3.0). */
        public RtpCounters(long packets, long lost, double jitterMillis) {
            this(packets, lost, jitterMillis, -1, -1);
        }
    }

    public enum Type { STARTED, ANSWERED, TRANSFERRED, ENDED }

    /** ENDED or TRANSFERRED: a complete record of a segment of the call. */
    public boolean isSegmentEnd() {
        return type == Type.ENDED || type == Type.TRANSFERRED;
    }
}
