package org.tabphone.registrar.api;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.sip.api.uri.Uri;
import org.tabphone.transport.api.FlowId;
import org.tabphone.transport.api.TransportKind;

/**
 * One registered contact of an address of record (RFC 3261 §10.3), with the flow its REGISTER
 * came on: the only way to reach a browser whose Contact host is {@code *.invalid}.
 *
 * @param tenant          tenant name
 * @param user            user part of the address of record
 * @param contact         the Contact URI as registered
 * @param expiresAtMillis when it lapses, on the registrar's monotonic clock
 * @param flow            the flow the REGISTER arrived on
 * @param transport       that flow's transport
 * @param source          the REGISTER's source address
 * @param instanceId      {@code +sip.instance} (RFC 5626 §4.1), or null
 * @param regId           {@code reg-id} (RFC 5626 §4.2), or 0
 * @param path            Path header values (RFC 3327), top first
 * @param callId          Call-ID of the REGISTER that made or refreshed it
 * @param cseq            CSeq number of that REGISTER
 * @param userAgent       User-Agent of the registering client, or empty
 */
public record Binding(String tenant, String user, Uri contact, long expiresAtMillis, FlowId flow,
                      TransportKind transport, InetSocketAddress source, String instanceId, int regId,
                      List<String> path, String callId, long cseq, String userAgent) {

    public Binding {
        path = List.copyOf(path);
    }

    /** Seconds left at {@code nowMillis}, never negative. */
    public long expiresInSeconds(long nowMillis) {
        return Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
    }

    public Optional<String> instance() {
        return Optional.ofNullable(instanceId);
    }

    /**
     * True when requests must go over the registration's flow: the Contact's host can't be
     * resolved ({@code .invalid}, RFC 7118 §5) or the client asked for outbound (RFC 5626).
     */
    public boolean reachableOnlyByFlow() {
        String host = contact instanceof SipUri sip ? sip.host().toLowerCase(Locale.ROOT) : "";
        return host.endsWith(".invalid") || (instanceId != null && regId > 0) || transport.isWebSocket();
    }
}
