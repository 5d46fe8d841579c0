package org.tabphone.agent.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.tabphone.sdp.api.Connection;
import org.tabphone.sdp.api.MediaDescription;
import org.tabphone.sdp.api.RtpMap;
import org.tabphone.sdp.api.SessionDescription;

/**
 * The agent's side of offer/answer (RFC 3264): from the gateway's RTP/AVP offer it takes the
 * first G.711 format it has a codec for, and telephone-event when offered (RFC 4733).
 */
final class AgentSdp {
    private AgentSdp() {
    }

    /**
     * What the agent answered: where to send, the audio format and the DTMF payload type (-1: none).
     */
    record Choice(InetSocketAddress remote, int payloadType, String encoding, int eventPayloadType) {
    }

    static Optional<Choice> choose(SessionDescription offer, Predicate<String> haveCodec) {
        for (MediaDescription m : offer.media()) {
            if (!m.media().equals("audio") || !m.isRtp() || m.isRejected()) {
                continue;
            }
            Optional<Connection> c = m.effectiveConnection().or(offer::connection);
            if (c.isEmpty()) {
                continue;
            }
            Map<Integer, RtpMap> maps = m.rtpMaps();
            int event = maps.values().stream().filter(r -> r.isTelephoneEvent() && r.clockRate() == 8000)
                .mapToInt(RtpMap::payloadType).findFirst().orElse(-1);
            for (RtpMap r : maps.values()) {
                String name = r.encodingName().toUpperCase(Locale.ROOT);
                if ((name.equals("PCMU") || name.equals("PCMA")) && r.clockRate() == 8000 && haveCodec.test(name)) {
                    return Optional.of(new Choice(new InetSocketAddress(c.get().address(), m.port()), r.payloadType(),
                        name, event));
                }
            }
        }
        return Optional.empty();
    }

    static byte[] answer(Choice c, InetSocketAddress local, long sessionId) {
        String ip = local.getAddress().getHostAddress();
        StringBuilder s = new StringBuilder()
            .append("v=0\r\n")
            .append("o=tabphone-agent ").append(sessionId).append(" 1 IN IP4 ").append(ip).append("\r\n")
            .append("s=agent\r\n")
            .append("c=IN IP4 ").append(ip).append("\r\n")
            .append("t=0 0\r\n")
            .append("m=audio ").append(local.getPort()).append(" RTP/AVP ").append(c.payloadType());
        if (c.eventPayloadType() >= 0) {
            s.append(' ').append(c.eventPayloadType());
        }
        s.append("\r\n").append("a=rtpmap:").append(c.payloadType()).append(' ').append(c.encoding()).append("/8000\r\n");
        if (c.eventPayloadType() >= 0) {
            s.append("a=rtpmap:").append(c.eventPayloadType()).append(" telephone-event/8000\r\n")
                .append("a=fmtp:").append(c.eventPayloadType()).append(" 0-16\r\n");
        }
        s.append("a=ptime:20\r\n").append("a=sendrecv\r\n");
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
