package org.tabphone.cdr.api;

import java.time.Instant;

/**
 * One call, or one segment of a transferred call (each segment is a record of its own, with the
 * same {@code call}), as written to the store.
 *
 * @param seq         position in the store's chain, from 1, without gaps
 * @param call        the gateway's call id
 * @param tenant      tenant name
 * @param caller      the caller's From URI
 * @param callee      the called address (Request-URI; after a transfer the target's address of record)
 * @param direction   e.g. {@code browser->phone} (see {@code CallEvent#direction})
 * @param trunk       trunk name; empty when no trunk was involved (or trunks are not wired in yet)
 * @param callerCodec the caller leg's codec; empty until media reports it
 * @param calleeCodec the callee leg's codec; empty until media reports it
 * @param started     when the INVITE arrived (for a segment after a transfer: when the REFER came)
 * @param answered    when a callee answered; null if nobody did
 * @param ended       when the call ended
 * @param durationMillis talk time, answer to end; 0 for an unanswered call
 * @param cause       final status: 200 answered and hung up, 487 cancelled, 4xx-6xx failed
 * @param endedBy     {@code caller}, {@code callee}, {@code gateway}, {@code admin}, or {@code transfer} for a
 *                    segment the callee ended by transferring the caller
 * @param callerRtp   what the gateway received from the caller's leg (zeros without anchored media)
 * @param calleeRtp   what it received from the answering callee's leg
 * @param recording   the call's recording (path of its WAV file, as the recording service names it); empty
 *                    when the call was not recorded, and in records written before recordings were linked
 *                    (since 0.3.0)
 */
public record CdrRecord(long seq, String call, String tenant, String caller, String callee, String direction,
                        String trunk, String callerCodec, String calleeCodec, Instant started, Instant answered,
                        Instant ended, long durationMillis, int cause, String endedBy, Rtp callerRtp, Rtp calleeRtp,
                        String recording) {

    public CdrRecord {
        recording = recording == null ? "" : recording;
    }

    /** A record without a recording. */
    public CdrRecord(long seq, String call, String tenant, String caller, String callee, String direction,
                     String trunk, String callerCodec, String calleeCodec, Instant started, Instant answered,
                     Instant ended, long durationMillis, int cause, String endedBy, Rtp callerRtp, Rtp calleeRtp) {
        this(seq, call, tenant, caller, callee, direction, trunk, callerCodec, calleeCodec, started, answered, ended,
            durationMillis, cause, endedBy, callerRtp, calleeRtp, "");
    }

    /** A record without media counters (as written before they were recorded). */
    public CdrRecord(long seq, String call, String tenant, String caller, String callee, String direction,
                     String trunk, String callerCodec, String calleeCodec, Instant started, Instant answered,
                     Instant ended, long durationMillis, int cause, String endedBy) {
        this(seq, call, tenant, caller, callee, direction, trunk, callerCodec, calleeCodec, started, answered, ended,
            durationMillis, cause, endedBy, Rtp.NONE, Rtp.NONE);
    }

    /**
     * One leg's received RTP: packets, packets lost, interarrival jitter (RFC 3550) in whole
     * milliseconds; and from the leg's RTCP (since 0.3.0) the round trip gateway–leg in whole
     * milliseconds and the packets of the gateway's stream the leg reported lost, each -1 when the
     * leg never reported it (and in records written before they were recorded).
     */
    public record Rtp(long packets, long lost, long jitterMillis, long roundTripMillis, long remoteLost) {
        public static final Rtp NONE = new Rtp(0, 0, 0);

        /** Without RTCP figures. */
        public Rtp(long packets, long lost, long jitterMillis) {
            this(packets, lost, jitterMillis, -1, -1);
        }
    }

    /** This record under another sequence number (the writer numbers records as it chains them). */
    public CdrRecord withSeq(long n) {
        return new CdrRecord(n, call, tenant, caller, callee, direction, trunk, callerCodec, calleeCodec, started,
            answered, ended, durationMillis, cause, endedBy, callerRtp, calleeRtp, recording);
    }

    /** This record linked to its call's recording ({@code path}; empty: none). */
    public CdrRecord withRecording(String path) {
        return new CdrRecord(seq, call, tenant, caller, callee, direction, trunk, callerCodec, calleeCodec, started,
            answered, ended, durationMillis, cause, endedBy, callerRtp, calleeRtp, path);
    }
}
