package org.tabphone.call.internal.b2bua;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.tabphone.media.api.MediaException;
import org.tabphone.sdp.api.Direction;
import org.tabphone.sdp.api.MediaDescription;
import org.tabphone.sdp.api.RtpMap;
import org.tabphone.sdp.api.SdpParseException;
import org.tabphone.sdp.api.SessionDescription;

/**
 * The SDP answer a placeholder leg "gives" so that the media service answers a new party's offer
 * (see {@link CallMedia#replaceCallee}): plain RTP/AVP on the discard port of loopback (nothing is
 * ever sent there: the placeholder leg is released before any packet can be routed to it), one
 * codec of the offer — {@code preferred} (the codec the party that stays already uses, so the two
 * are bridged without transcoding) when offered, else the offer's first G.711 (the gateway can
 * always transcode it), else its first audio codec — with the offer's telephone-event at that
 * codec's clock, and the direction that answers the offer's (RFC 3264 §6.1).
 */
final class PlaceholderAnswer {
    private PlaceholderAnswer() {
    }

    /**
     * @param offer     the new party's offer
     * @param preferred the staying party's codec as the media service reports it ({@code PCMU/8000},
     *                  {@code opus/48000/2}), or empty
     */
    static SessionDescription answering(SessionDescription offer, String preferred) throws MediaException {
        MediaDescription m = offer.media().stream().filter(d -> d.media().equals("audio") && d.port() != 0).findFirst()
            .orElseThrow(() -> new MediaException(488, "no audio stream offered"));
        Map<Integer, RtpMap> maps = m.rtpMaps();
        RtpMap codec = pick(maps, preferred).orElseThrow(() -> new MediaException(488, "no audio codec offered"));
        Optional<RtpMap> dtmf = maps.values().stream()
            .filter(r -> r.isTelephoneEvent() && r.clockRate() == codec.clockRate()).findFirst();
        Direction asked = m.isHold(offer.connection().orElse(null)) && m.direction().receives()
            ? (m.direction().sends() ? Direction.SENDONLY : Direction.INACTIVE) : m.direction();
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n")
            .append("m=audio 9 RTP/AVP ").append(codec.payloadType())
            .append(dtmf.map(d -> " " + d.payloadType()).orElse("")).append("\r\n")
            .append("a=rtpmap:").append(codec.encode()).append("\r\n");
        m.fmtp(codec.payloadType()).ifPresent(f -> sdp.append("a=fmtp:").append(codec.payloadType()).append(' ')
            .append(f).append("\r\n"));
        dtmf.ifPresent(d -> sdp.append("a=rtpmap:").append(d.encode()).append("\r\n"));
        sdp.append("a=").append(asked.reverse().attributeName()).append("\r\n");
        try {
            return SessionDescription.parse(sdp.toString());
        } catch (SdpParseException e) { // an fmtp our parser refuses: the offer's own
            throw new MediaException(488, "Bad SDP: " + e.getMessage());
        }
    }

    /** The codec of an answer made here: {@code name/rate[/channels]}. */
    static String codecOf(SessionDescription answer) {
        MediaDescription m = answer.media().get(0);
        return m.rtpMaps().values().stream().findFirst().map(RtpMap::encoding).orElse("");
    }

    /**
     * The first audio codec of {@code first} that {@code second} offers too ({@code name/rate}),
     * else "" — what a placeholder answers both in when it connects the two (a pickup).
     */
    static String firstShared(SessionDescription first, SessionDescription second) {
        if (second == null) {
            return "";
        }
        for (RtpMap r : audioMaps(first).values()) {
            String codec = r.encodingName().toLowerCase(Locale.ROOT) + "/" + r.clockRate();
            if (!isAuxiliary(r) && audioMaps(second).values().stream().anyMatch(o -> matches(o, codec))) {
                return codec;
            }
        }
        return "";
    }

    private static Map<Integer, RtpMap> audioMaps(SessionDescription sdp) {
        return sdp.media().stream().filter(d -> d.media().equals("audio") && d.port() != 0).findFirst()
            .map(MediaDescription::rtpMaps).orElse(Map.of());
    }

    private static Optional<RtpMap> pick(Map<Integer, RtpMap> maps, String preferred) {
        String wanted = preferred == null ? "" : preferred.toLowerCase(Locale.ROOT);
        return maps.values().stream().filter(r -> !wanted.isEmpty() && matches(r, wanted)).findFirst()
            .or(() -> maps.values().stream().filter(PlaceholderAnswer::isG711).findFirst())
            .or(() -> maps.values().stream().filter(r -> !isAuxiliary(r)).findFirst());
    }

    /** {@code wanted}: {@code name/rate[/channels]}, lower case; the channels are not compared. */
    private static boolean matches(RtpMap r, String wanted) {
        String[] p = wanted.split("/");
        return p.length >= 2 && r.encodingName().toLowerCase(Locale.ROOT).equals(p[0])
            && Integer.toString(r.clockRate()).equals(p[1]);
    }

    private static boolean isG711(RtpMap r) {
        String e = r.encodingName().toUpperCase(Locale.ROOT);
        return r.clockRate() == 8000 && (e.equals("PCMU") || e.equals("PCMA"));
    }

    /** Comfort noise, redundancy, FEC, retransmission and DTMF carry no audio of their own. */
    private static boolean isAuxiliary(RtpMap r) {
        String e = r.encodingName().toLowerCase(Locale.ROOT);
        return r.isTelephoneEvent() || e.equals("cn") || e.equals("red") || e.equals("ulpfec") || e.equals("rtx");
    }
}
