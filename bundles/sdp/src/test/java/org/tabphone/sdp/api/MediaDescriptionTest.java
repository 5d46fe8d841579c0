package org.tabphone.sdp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MediaDescriptionTest {
    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";

    private static MediaDescription audio(String mediaLines) throws SdpParseException {
        return SessionDescription.parse(HEAD + mediaLines).media().get(0);
    }

    @Test
    void rtpMapsFollowTheFormatOrderAndFillInStaticPayloadTypes() throws SdpParseException {
        MediaDescription m = audio("m=audio 4000 RTP/AVP 18 0 8 9 101 3 96 dynamic-junk\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:50 notlisted/8000\r\n");
        Map<Integer, RtpMap> maps = m.rtpMaps();
        assertEquals(List.of(18, 0, 8, 9, 101, 3), List.copyOf(maps.keySet()), "96 has no rtpmap, junk is no pt");
        assertEquals("G729/8000", maps.get(18).encoding());
        assertTrue(maps.get(18).isStatic());
        assertEquals("PCMU/8000", maps.get(0).encoding());
        assertFalse(maps.get(8).isStatic(), "written rtpmap wins");
        assertEquals("G722/8000", maps.get(9).encoding());
        assertEquals(8000, maps.get(9).clockRate(), "G.722's RTP clock is 8000 (RFC 3551 §4.5.2)");
        assertEquals("GSM/8000", maps.get(3).encoding());
        assertTrue(maps.get(101).isTelephoneEvent());
        assertEquals(Optional.empty(), m.rtpMap(50), "rtpmap for a payload type not in m= is ignored");
    }

    @Test
    void rtpMapWinsOverTheStaticTableAndStaticOnlyAppliesToRtp() throws SdpParseException {
        assertEquals("PCMA", audio("m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMA/8000\r\n").rtpMap(0).orElseThrow().encodingName());
        assertTrue(audio("m=application 5000 UDP/DTLS/SCTP 0\r\n").rtpMaps().isEmpty());
    }

    @Test
    void malformedRtpMapsAreSkipped() throws SdpParseException {
        MediaDescription m = audio("m=audio 4000 RTP/AVP 96 97 98 99 100 101\r\na=rtpmap:96 opus\r\n"
                + "a=rtpmap:97 x/0\r\na=rtpmap:98 x/8000/0\r\na=rtpmap:99 x/8000/1/2\r\na=rtpmap:100\r\n"
                + "a=rtpmap:101 /8000\r\n");
        assertTrue(m.rtpMaps().isEmpty());
    }

    @Test
    void channelsAreReadAndTheirSpellingKept() throws SdpParseException {
        MediaDescription m = audio("m=audio 4000 RTP/AVP 111 9 101\r\na=rtpmap:111 opus/48000/2\r\n"
                + "a=rtpmap:9 G722/8000/1\r\na=rtpmap:101 telephone-event/8000\r\n");
        assertEquals(2, m.rtpMap(111).orElseThrow().channels());
        assertEquals(1, m.rtpMap(9).orElseThrow().channels());
        assertTrue(m.rtpMap(9).orElseThrow().hasChannels());
        assertEquals("G722/8000/1", m.rtpMap(9).orElseThrow().encoding());
        assertEquals(1, m.rtpMap(101).orElseThrow().channels());
        assertFalse(m.rtpMap(101).orElseThrow().hasChannels());
        assertEquals(Codec.OPUS, m.rtpMap(111).orElseThrow().codec());
    }

    @Test
    void fmtp() throws SdpParseException {
        MediaDescription m = audio("m=audio 4000 RTP/AVP 111 101 102\r\na=fmtp:111 minptime=10;useinbandfec=1\r\n"
                + "a=fmtp:101 0-16\r\na=fmtp:102\r\n");
        assertEquals(Optional.of("minptime=10;useinbandfec=1"), m.fmtp(111));
        assertEquals(Optional.of("0-16"), m.fmtp(101));
        assertEquals(Optional.of(""), m.fmtp(102));
        assertEquals(Optional.empty(), m.fmtp(0));
    }

    @Test
    void directionFallsBackToSessionLevelThenSendrecv() throws SdpParseException {
        assertEquals(Direction.SENDRECV, audio("m=audio 4000 RTP/AVP 0\r\n").direction());
        assertEquals(Optional.empty(), audio("m=audio 4000 RTP/AVP 0\r\n").mediaDirection());
        assertEquals(Direction.INACTIVE, audio("m=audio 4000 RTP/AVP 0\r\na=inactive\r\n").direction());
        SessionDescription s = SessionDescription.parse(HEAD.replace("t=0 0\r\n", "t=0 0\r\na=sendonly\r\n")
                + "m=audio 4000 RTP/AVP 0\r\nm=audio 4002 RTP/AVP 0\r\na=recvonly\r\n");
        assertEquals(Direction.SENDONLY, s.media().get(0).direction());
        assertEquals(Direction.RECVONLY, s.media().get(1).direction(), "media level wins");
    }

    @Test
    void holdByDirectionOrByTheOldZeroAddress() throws SdpParseException {
        assertFalse(audio("m=audio 4000 RTP/AVP 0\r\n").isHold());
        assertFalse(audio("m=audio 4000 RTP/AVP 0\r\na=recvonly\r\n").isHold());
        assertTrue(audio("m=audio 4000 RTP/AVP 0\r\na=sendonly\r\n").isHold());
        assertTrue(audio("m=audio 4000 RTP/AVP 0\r\na=inactive\r\n").isHold());
        assertTrue(audio("m=audio 4000 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\n").isHold(), "media-level c=0.0.0.0");
        assertFalse(audio("m=audio 4000 RTP/AVP 0\r\nc=IN IP4 192.0.2.9\r\n").isHold(new Connection("IN", "IP4", "0.0.0.0")),
                "media-level c= overrides the session level");

        SessionDescription legacy = SdpCorpus.parse("sip-phone/legacy-hold-c0000-static-pt-only.sdp");
        MediaDescription m = legacy.media().get(0);
        assertEquals(Direction.SENDRECV, m.direction(), "no direction attribute at all");
        assertTrue(m.isHold(), "c=IN IP4 0.0.0.0 at session level is RFC 2543 hold");
        assertTrue(m.isHold(legacy.connection().orElse(null)));
        assertTrue(m.effectiveConnection().orElseThrow().isHoldAddress());
        assertEquals("PCMU/8000", m.rtpMap(0).orElseThrow().encoding());
        assertTrue(m.rtpMap(0).orElseThrow().isStatic());

        MediaDescription standalone = m.toBuilder().build();
        assertTrue(standalone.isHold(), "toBuilder keeps the session link");
        MediaDescription fresh = MediaDescription.builder("audio", 49172, "RTP/AVP").formats("0").build();
        assertFalse(fresh.isHold(), "a media description on its own sees no session-level c=");
        assertTrue(fresh.isHold(legacy.connection().orElseThrow()));

        assertTrue(SdpCorpus.parse("sip-phone/deskphone-hold-reoffer-sendonly.sdp").media().get(0).isHold());
        assertFalse(SdpCorpus.parse("sip-phone/deskphone-offer-pcmu-pcma-dtmf.sdp").media().get(0).isHold());
        for (String file : List.of("webrtc/firefox121-audio-video-offer.sdp", "webrtc/chromium120-audio-video-offer.sdp")) {
            for (MediaDescription offered : SdpCorpus.parse(file).media()) {
                assertTrue(offered.effectiveConnection().orElseThrow().isHoldAddress(), file);
                assertFalse(offered.isHold(), file + ": JSEP's placeholder c=IN IP4 0.0.0.0 with ICE is not hold");
            }
        }
        assertTrue(SdpCorpus.parse("webrtc/firefox121-audio-video-offer.sdp").media().get(0).toBuilder()
                .direction(Direction.INACTIVE).build().isHold());
    }

    @Test
    void rejectedAndBundleOnly() throws SdpParseException {
        SessionDescription jsep = SdpCorpus.parse("webrtc/jsep-style-offer-bundle-only.sdp");
        MediaDescription video = jsep.media().get(1);
        assertEquals(0, video.port());
        assertFalse(video.isRejected(), "port 0 with a=bundle-only is not a rejection");
        assertTrue(audio("m=video 0 RTP/AVP 31\r\n").isRejected());
        assertEquals(Optional.of("v1"), video.mid());
        assertEquals(List.of("a1", "v1"), jsep.bundleGroup());
        assertEquals(Optional.of(video), jsep.mediaByMid("v1"));
    }

    @Test
    void iceAndDtlsFromMediaThenSession() {
        SessionDescription firefox = SdpCorpus.parse("webrtc/firefox58-audio-with-candidates.sdp");
        MediaDescription m = firefox.media().get(0);
        assertEquals("EB:A9:3E:50:D7:E3:B3:86:0F:7B:01:C1:EB:D6:AF:E4:97:DE:15:05:A8:DE:7B:83:56:C7:4B:6E:9D:75:D4:17",
                m.fingerprint().orElseThrow().value(), "session-level fingerprint");
        assertTrue(m.attributes("fingerprint").isEmpty());
        assertEquals(Optional.of("403a81e1"), m.iceUfrag());
        assertEquals(Optional.of("f9b83487285016f7492197a5790ceee5"), m.icePwd());
        assertEquals(List.of("trickle"), m.iceOptions());
        assertEquals(Optional.of(Setup.ACTPASS), m.setup());
        assertTrue(m.rtcpMux());
        assertTrue(m.endOfCandidates());
        assertEquals(Optional.of("sdparta_0"), m.mid());

        MediaDescription fs = SdpCorpus.parse("webrtc/freeswitch-webrtc-pcma.sdp").media().get(0);
        assertEquals(Optional.of(Setup.ACTIVE), fs.setup());
        assertEquals(new Fingerprint("sha-256",
                "35:5A:BC:8E:CD:F8:CD:EB:36:00:BB:C4:C3:33:54:B5:9B:70:3C:E9:C4:33:8F:39:3C:4B:5B:5C:AD:88:12:2B"),
                fs.fingerprint().orElseThrow());
        assertTrue(fs.isDtlsSrtp());
        assertFalse(SdpCorpus.parse("webrtc/chrome-legacy-jssip-sdes.sdp").media().get(0).isDtlsSrtp(), "RTP/SAVPF");
    }

    @Test
    void candidates() {
        MediaDescription m = SdpCorpus.parse("webrtc/safari-audio-video-with-candidates.sdp").media().get(0);
        List<Candidate> c = m.candidates();
        assertEquals(3, c.size());
        Candidate srflx = c.get(2);
        assertEquals("842163049", srflx.foundation());
        assertEquals(1, srflx.component());
        assertEquals("udp", srflx.transport());
        assertEquals(1677729535L, srflx.priority());
        assertEquals("1.2.3.4", srflx.address());
        assertEquals(61015, srflx.port());
        assertEquals("srflx", srflx.type());
        assertEquals(Optional.of("192.168.0.87"), srflx.relatedAddress());
        assertEquals(61015, srflx.relatedPort().getAsInt());
        assertEquals(Map.of("generation", "0", "network-cost", "999"), srflx.extensions());
        assertEquals("2a01:e0a:151:dc10:a8cb:5e93:9627:557c", c.get(1).address());
        for (Attribute a : m.attributes("candidate")) {
            assertEquals(a, Candidate.parse(a.valueOrEmpty()).orElseThrow().toAttribute(), "writes back as read");
        }
    }

    @Test
    void ssrcs() {
        MediaDescription video = SdpCorpus.parse("webrtc/safari-audio-video-with-candidates.sdp").media().get(1);
        assertEquals(List.of(11942296L, 149700150L), video.ssrcIds());
        assertEquals(8, video.ssrcs().size());
        Ssrc msid = video.ssrcs().get(1);
        assertEquals("msid", msid.attribute());
        assertEquals(Optional.of("cb7e185b-6110-4f65-b027-ddb8b5fa78c7 bd201f69-1364-40da-828f-cc695ff54a37"), msid.value());
        assertEquals(video.attributes("ssrc").get(1), msid.toAttribute());
    }

    @Test
    void builderEditsAttributes() throws SdpParseException {
        MediaDescription m = audio("m=audio 4000 RTP/AVP 0\r\na=ptime:20\r\na=candidate:1 1 udp 1 192.0.2.9 5 typ host\r\n"
                + "a=sendrecv\r\na=candidate:2 1 udp 1 192.0.2.9 6 typ host\r\na=ssrc:1 cname:x\r\n");
        Candidate ours = Candidate.builder().foundation("1").priority(2130706431L).address("203.0.113.7").port(40000)
                .type("host").build();
        MediaDescription edited = m.toBuilder().replaceAttributes("candidate", List.of(ours.toAttribute()))
                .removeAttributes("ssrc").setAttribute("ptime", "30").addAttribute("rtcp-mux", null)
                .direction(Direction.RECVONLY).port(40000).proto("UDP/TLS/RTP/SAVPF").formats("0", "8")
                .connection(Connection.of("203.0.113.7")).build();
        assertEquals(List.of(Attribute.of("ptime", "30"), ours.toAttribute(), Attribute.of("recvonly"),
                Attribute.of("rtcp-mux")), edited.attributes());
        assertEquals("m=audio 40000 UDP/TLS/RTP/SAVPF 0 8\r\nc=IN IP4 203.0.113.7\r\na=ptime:30\r\n"
                + "a=candidate:1 1 udp 2130706431 203.0.113.7 40000 typ host\r\na=recvonly\r\na=rtcp-mux\r\n",
                edited.toString());
        assertEquals(List.of(ours), edited.candidates());
        assertEquals(m, m.toBuilder().build());
        assertTrue(m.toBuilder().removeAttributes(a -> a.is("candidate") || a.is("ptime")).build().attributes().size() == 2);
    }

    @Test
    void builderValidates() {
        MediaDescription.Builder b = MediaDescription.builder("audio", 1, "RTP/AVP");
        assertThrows(IllegalArgumentException.class, () -> b.port(65536));
        assertThrows(IllegalArgumentException.class, () -> b.port(-1));
        assertThrows(IllegalArgumentException.class, () -> b.formats("0 8"));
        assertThrows(IllegalArgumentException.class, () -> b.proto(""));
        assertThrows(IllegalArgumentException.class, () -> b.payloadTypes(128));
        assertThrows(IllegalArgumentException.class, () -> b.information("a\r\nb"));
        assertThrows(IllegalArgumentException.class, () -> Attribute.of("a b"));
        assertThrows(IllegalArgumentException.class, () -> Attribute.of("a:b"));
        assertThrows(IllegalArgumentException.class, () -> Attribute.of("fmtp", "101 0-16\r\na=evil"));
        assertThrows(IllegalArgumentException.class, () -> new Connection("IN", "IP4", "a b"));
        assertThrows(IllegalStateException.class, () -> Candidate.builder().foundation("1").build());
    }
}
