package org.tabphone.media.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.tabphone.media.api.EndpointKind;
import org.tabphone.sdp.api.Attribute;
import org.tabphone.sdp.api.Connection;
import org.tabphone.sdp.api.Direction;
import org.tabphone.sdp.api.MediaDescription;
import org.tabphone.sdp.api.OfferAnswer;
import org.tabphone.sdp.api.Origin;
import org.tabphone.sdp.api.RtpMap;
import org.tabphone.sdp.api.SessionDescription;
import org.tabphone.sdp.api.Timing;

/**
 * Reads the formats of an endpoint's SDP and writes the gateway's SDP for a leg. Toward a
 * browser: {@code UDP/TLS/RTP/SAVPF}, ICE-Lite with our host candidates, our DTLS fingerprint and
 * setup role, rtcp-mux, a mid in a BUNDLE group, and the SSRC we send (never the far side's,
 * TESTING.md). Toward a SIP phone: {@code RTP/AVP} with c= and port, nothing else.
 */
final class SdpShaper {
    static final String MID = "0";

    private SdpShaper() {
    }

    /** The first audio stream that isn't rejected (port 0), or empty. */
    static Optional<Integer> audioIndex(SessionDescription sdp) {
        List<MediaDescription> media = sdp.media();
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            if (m.media().equalsIgnoreCase("audio") && m.port() != 0 && m.isRtp()) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    static EndpointKind kindOf(MediaDescription audio) {
        return audio.isDtlsSrtp() && audio.fingerprint().isPresent() ? EndpointKind.WEBRTC : EndpointKind.RTP;
    }

    /** The stream's formats in the SDP's order, each with its fmtp. */
    static List<Format> formats(MediaDescription m) {
        List<Format> out = new ArrayList<>();
        for (String f : m.formats()) {
            int pt;
            try {
                pt = Integer.parseInt(f);
            } catch (NumberFormatException e) {
                continue;
            }
            if (pt < 0 || pt > 127) {
                continue;
            }
            Optional<RtpMap> map = m.rtpMap(pt);
            if (map.isEmpty()) {
                continue; // a dynamic type without rtpmap: unusable (RFC 8866 §6.6)
            }
            RtpMap r = map.get();
            out.add(new Format(pt, r.encodingName(), r.clockRate(), Math.max(1, r.channels()), m.fmtp(pt).orElse(null)));
        }
        return out;
    }

    /** Where an RTP endpoint wants its media, or null for an unusable/held address. */
    static java.net.InetSocketAddress rtpAddress(SessionDescription sdp, MediaDescription m) {
        Optional<Connection> c = m.effectiveConnection().or(sdp::connection);
        if (c.isEmpty() || c.get().isHoldAddress() || m.port() == 0) {
            return null;
        }
        String host = c.get().address();
        int slash = host.indexOf('/');
        host = slash > 0 ? host.substring(0, slash) : host;
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return null; // a host name: we don't resolve names on the call path
        }
        try {
            return new java.net.InetSocketAddress(InetAddress.getByName(host), m.port());
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /**
     * Where an RTP endpoint wants its RTCP: {@code a=rtcp} (RFC 3605: a port, optionally an
     * address) or else the port above its RTP port (RFC 3550 §11), or null without an RTP address.
     */
    static java.net.InetSocketAddress rtcpAddress(SessionDescription sdp, MediaDescription m,
                                                  java.net.InetSocketAddress rtp) {
        if (rtp == null) {
            return null;
        }
        Optional<Attribute> a = m.attribute("rtcp");
        if (a.isEmpty()) {
            return new java.net.InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
        }
        String[] parts = a.get().valueOrEmpty().trim().split("\\s+");
        try {
            int port = Integer.parseInt(parts[0]);
            if (port <= 0 || port > 65535) {
                return null;
            }
            InetAddress address = rtp.getAddress();
            if (parts.length >= 4 && parts[3].matches("[0-9.]+|[0-9a-fA-F:]+")) {
                address = InetAddress.getByName(parts[3]); // a literal: no name lookup on the call path
            }
            return new java.net.InetSocketAddress(address, port);
        } catch (NumberFormatException | java.net.UnknownHostException e) {
            return null;
        }
    }

    /** What to write for one leg. {@code answering} is the offer being answered (null when we offer). */
    record LocalDescription(Leg leg, long sessionId, long version, List<Format> formats, Direction direction,
                            String setup, String fingerprint, List<InetAddress> candidates,
                            SessionDescription answering, int answeringAudio) {
    }

    static SessionDescription write(LocalDescription d) {
        Leg leg = d.leg();
        String addr = leg.localAddress.getHostAddress();
        String addrType = leg.localAddress instanceof Inet6Address ? "IP6" : "IP4";
        boolean webrtc = leg.kind == EndpointKind.WEBRTC;
        MediaDescription audio = audioLine(d, addr, addrType, webrtc);
        SessionDescription.Builder s = SessionDescription.builder()
            .version(0)
            .origin(new Origin("tabphone", Long.toString(d.sessionId()), Long.toString(d.version()), "IN", addrType, addr))
            .sessionName("tabphone")
            .connection(new Connection("IN", addrType, addr))
            .timings(List.of(Timing.PERMANENT));
        String mid = webrtc ? midOf(d) : null;
        if (webrtc) {
            s.addAttribute(Attribute.of("ice-lite"));
            s.addAttribute(Attribute.of("group", "BUNDLE " + mid));
        }
        if (d.answering() == null) {
            s.addMedia(audio);
        } else {
            List<MediaDescription> offered = d.answering().media();
            for (int i = 0; i < offered.size(); i++) {
                s.addMedia(i == d.answeringAudio() ? audio : OfferAnswer.reject(offered.get(i)));
            }
        }
        return s.build();
    }

    private static String midOf(LocalDescription d) {
        if (d.answering() != null) {
            return d.answering().media().get(d.answeringAudio()).mid().orElse(MID);
        }
        return MID;
    }

    private static MediaDescription audioLine(LocalDescription d, String addr, String addrType, boolean webrtc) {
        Leg leg = d.leg();
        List<String> pts = new ArrayList<>();
        d.formats().forEach(f -> pts.add(Integer.toString(f.pt())));
        MediaDescription.Builder m = MediaDescription.builder("audio", leg.port,
                webrtc ? "UDP/TLS/RTP/SAVPF" : "RTP/AVP")
            .formats(pts)
            .connection(new Connection("IN", addrType, addr));
        if (webrtc) {
            m.addAttribute("mid", midOf(d));
            m.addAttribute("ice-ufrag", leg.ice.ufrag);
            m.addAttribute("ice-pwd", leg.ice.pwd);
            m.addAttribute("fingerprint", d.fingerprint());
            m.addAttribute("setup", d.setup());
            m.addAttribute(Attribute.of("rtcp-mux"));
        } else {
            m.addAttribute("rtcp", Integer.toString(leg.port + 1));
        }
        for (Format f : d.formats()) {
            m.addAttribute("rtpmap", f.pt() + " " + f.rtpmap());
            if (f.fmtp() != null) {
                m.addAttribute("fmtp", f.pt() + " " + f.fmtp());
            }
        }
        if (!webrtc) {
            m.addAttribute("ptime", "20");
        }
        m.addAttribute(Attribute.of(d.direction().attributeName()));
        if (webrtc) {
            long ssrc = leg.rewriter.ssrc() & 0xFFFFFFFFL;
            m.addAttribute("ssrc", ssrc + " cname:" + LegRtcp.CNAME);
            int i = 0;
            Set<InetAddress> seen = new LinkedHashSet<>(d.candidates());
            for (InetAddress a : seen) {
                long priority = (126L << 24) | ((long) (65535 - i) << 8) | 255; // RFC 8445 §5.1.2.1, host, component 1
                m.addAttribute("candidate", (i + 1) + " 1 udp " + priority + " " + a.getHostAddress() + " " + leg.port
                    + " typ host");
                i++;
            }
            m.addAttribute(Attribute.of("end-of-candidates"));
        }
        return m.build();
    }
}
