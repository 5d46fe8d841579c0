package org.tabphone.sdp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The translations testdata/sdp/README.md asks for, written with this API only, to show it is
 * enough for the media bundle's per-leg shaping (the real shaping lives there). WebRTC offer →
 * SIP-side offer: only RTP/AVP, no candidate/fingerprint/ice-*, G.711 and telephone-event kept.
 * SIP-phone offer → WebRTC-side offer: ICE, DTLS with setup:actpass, rtcp-mux, mid and BUNDLE.
 */
class LegShapingExampleTest {
    private static final Set<String> WEBRTC_ONLY = Set.of("candidate", "end-of-candidates", "fingerprint", "setup",
            "ice-ufrag", "ice-pwd", "ice-options", "ice-lite", "rtcp-mux", "rtcp-rsize", "mid", "msid", "ssrc",
            "ssrc-group", "extmap", "extmap-allow-mixed", "rtcp-fb", "crypto", "rtcp", "bundle-only", "group",
            "msid-semantic");

    static List<SdpCorpus.Entry> webrtc() {
        return SdpCorpus.group("webrtc");
    }

    static List<SdpCorpus.Entry> sipPhone() {
        return SdpCorpus.group("sip-phone");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("webrtc")
    void webrtcOfferToSipSide(SdpCorpus.Entry e) throws SdpParseException {
        SessionDescription browser = e.parse();
        List<MediaDescription> media = new ArrayList<>();
        for (MediaDescription m : browser.media()) {
            List<String> formats = m.media().equals("audio")
                    ? OfferAnswer.negotiate(m, List.of(Codec.PCMU, Codec.PCMA)) : List.of();
            if (formats.isEmpty()) {
                media.add(OfferAnswer.reject(m).toBuilder().proto("RTP/AVP").attributes(List.of())
                        .connection(Connection.of("192.0.2.10")).build());
                continue;
            }
            MediaDescription.Builder b = m.toBuilder().port(30000).proto("RTP/AVP").formats(formats)
                    .connection(Connection.of("192.0.2.10"))
                    .removeAttributes(a -> WEBRTC_ONLY.contains(a.name()) || refersToDroppedFormat(a, formats));
            b.direction(m.direction());
            media.add(b.build());
        }
        SessionDescription sip = SessionDescription.builder().origin(Origin.of("tabphone", 1, 1, "192.0.2.10"))
                .media(media).build();

        SessionDescription parsed = SessionDescription.parse(sip.toBytes());
        assertEquals(sip, parsed);
        String text = sip.encode();
        for (String banned : List.of("a=candidate", "a=fingerprint", "a=ice-", "a=setup", "SAVP", "a=ssrc", "a=crypto")) {
            assertFalse(text.contains(banned), e + ": " + banned + "\n" + text);
        }
        for (MediaDescription m : parsed.media()) {
            assertEquals("RTP/AVP", m.proto());
            if (!m.isRejected()) {
                for (RtpMap r : m.rtpMaps().values()) {
                    assertTrue(Set.of("PCMU", "PCMA", "telephone-event").contains(r.encodingName()), e + ": " + r);
                    assertEquals(8000, r.clockRate());
                }
            }
        }
        boolean offeredG711 = !e.codecs().isEmpty() && (e.codecs().contains("PCMU") || e.codecs().contains("PCMA"));
        assertEquals(offeredG711, parsed.media().stream().anyMatch(m -> !m.isRejected()), e.toString());
        assertEquals(e.codecs().contains("telephone-event/8000") && offeredG711,
                parsed.media().stream().anyMatch(m -> m.rtpMaps().values().stream().anyMatch(RtpMap::isTelephoneEvent)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sipPhone")
    void sipPhoneOfferToWebrtcSide(SdpCorpus.Entry e) throws SdpParseException {
        SessionDescription phone = e.parse();
        Fingerprint ours = new Fingerprint("sha-256", String.join(":", java.util.Collections.nCopies(32, "AB")));
        List<MediaDescription> media = new ArrayList<>();
        List<String> mids = new ArrayList<>();
        for (MediaDescription m : phone.media()) {
            String mid = Integer.toString(media.size());
            mids.add(mid);
            Candidate host = Candidate.builder().foundation("1").priority(2130706431L).address("198.51.100.1")
                    .port(40000).type("host").build();
            media.add(m.toBuilder().port(40000).proto("UDP/TLS/RTP/SAVPF").connection(Connection.of("198.51.100.1"))
                    .removeAttributes("rtcp").addAttribute("mid", mid).addAttribute("ice-ufrag", "abcd")
                    .addAttribute("ice-pwd", "0123456789abcdefghijkl").addAttribute(ours.toAttribute())
                    .addAttribute(Setup.ACTPASS.toAttribute()).addAttribute("rtcp-mux", null)
                    .addAttribute(host.toAttribute()).addAttribute("end-of-candidates", null)
                    .addAttribute(Ssrc.of(0xCAFEL, "cname", "tabphone").toAttribute())
                    .direction(m.isHold() ? Direction.SENDONLY : m.direction()).build());
        }
        SessionDescription browser = SessionDescription.builder().origin(Origin.of("-", 2, 1, "198.51.100.1"))
                .addAttribute("ice-lite", null).addAttribute("group", "BUNDLE " + String.join(" ", mids))
                .media(media).build();

        SessionDescription parsed = SessionDescription.parse(browser.encode());
        assertEquals(browser, parsed);
        assertTrue(parsed.isIceLite());
        assertEquals(mids, parsed.bundleGroup());
        for (MediaDescription m : parsed.media()) {
            assertEquals("UDP/TLS/RTP/SAVPF", m.proto());
            assertTrue(m.isDtlsSrtp() && m.rtcpMux() && m.mid().isPresent() && m.iceUfrag().isPresent());
            assertEquals(Setup.ACTPASS, m.setup().orElseThrow());
            assertTrue(ours.matches(m.fingerprint().orElseThrow()));
            assertEquals(1, m.candidates().size());
            assertEquals(List.of(0xCAFEL), m.ssrcIds());
            assertEquals(phone.media().get(0).rtpMaps(), m.rtpMaps(), "codecs unchanged");
        }
        assertEquals(e.file().contains("hold"), parsed.media().get(0).isHold(), "hold stays hold, now by direction");
    }

    private static boolean refersToDroppedFormat(Attribute a, List<String> kept) {
        if (!(a.is("rtpmap") || a.is("fmtp"))) {
            return false;
        }
        String[] f = a.valueOrEmpty().strip().split("[ \t]+", 2);
        return !kept.contains(f[0]);
    }
}
