package org.tabphone.agent.api;

/**
 * How a transfer ended: the final status of the target's INVITE as the gateway's NOTIFY
 * reported it (RFC 3515 sipfrag), or the REFER's own failure.
 *
 * @param status a SIP status: 200 connected, 486 busy, 480 unreachable, 408 no answer, ...
 * @param reason its reason phrase
 */
public record TransferOutcome(int status, String reason) {
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
