package org.tabphone.sdp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OfferAnswerTest {
    private static final List<Codec> G711 = List.of(Codec.PCMU, Codec.PCMA);

    private static MediaDescription offer(String media) throws SdpParseException {
        return SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n" + media)
                .media().get(0);
    }

    @Test
    void answerDirectionMirrorsTheOffer() {
        assertEquals(Direction.RECVONLY, OfferAnswer.answerDirection(Direction.SENDONLY));
        assertEquals(Direction.SENDONLY, OfferAnswer.answerDirection(Direction.RECVONLY));
        assertEquals(Direction.INACTIVE, OfferAnswer.answerDirection(Direction.INACTIVE));
        assertEquals(Direction.SENDRECV, OfferAnswer.answerDirection(Direction.SENDRECV));
    }

    @Test
    void holdReofferIsAnsweredRecvonly() {
        MediaDescription hold = SdpCorpus.parse("sip-phone/deskphone-hold-reoffer-sendonly.sdp").media().get(0);
        assertEquals(Direction.RECVONLY, OfferAnswer.answerDirection(hold.direction()));
    }

    @Test
    void pcmaOnlyTrunkOfferAgainstPcmuAndPcma() {
        MediaDescription trunk = SdpCorpus.parse("sip-phone/trunk-offer-pcma-only-with-rtcp.sdp").media().get(0);
        assertEquals(List.of("8", "101"), OfferAnswer.negotiate(trunk, G711), "PCMA plus its telephone-event");
        assertEquals(List.of(), OfferAnswer.negotiate(trunk, List.of(Codec.PCMU)), "nothing in common");
        assertEquals(List.of(), OfferAnswer.negotiate(trunk, List.of(Codec.PCMU, Codec.TELEPHONE_EVENT)),
                "telephone-event alone is not a match");
    }

    @Test
    void chromeOpusAndG711OfferKeepsOfferOrderAndMatchingTelephoneEvents() {
        MediaDescription chrome = SdpCorpus.parse("webrtc/chrome-audio-with-candidates.sdp").media().get(0);
        // m=audio 45076 UDP/TLS/RTP/SAVPF 111 103 104 9 0 8 106 105 13 110 112 113 126
        assertEquals(List.of("0", "8", "126"), OfferAnswer.negotiate(chrome, G711),
                "telephone-event/8000 (126) kept; the 48/32/16 kHz ones dropped");
        assertEquals(List.of("0", "8", "126"), OfferAnswer.negotiate(chrome, List.of(Codec.PCMA, Codec.PCMU)),
                "the offer's order, not ours");
        assertEquals(List.of("111", "0", "110", "126"), OfferAnswer.negotiate(chrome, List.of(Codec.OPUS, Codec.PCMU)),
                "opus brings telephone-event/48000 (110)");
        assertEquals(List.of(), OfferAnswer.negotiate(chrome, List.of(new Codec("opus", 48000, 1))),
                "channels must match: Opus is signalled as 2");
        assertEquals(List.of("9", "126"), OfferAnswer.negotiate(chrome, List.of(Codec.G722)));
    }

    @Test
    void jsepOfferKeepsItsDynamicNumbers() {
        MediaDescription jsep = SdpCorpus.parse("webrtc/jsep-style-offer-bundle-only.sdp").media().get(0);
        // m=audio 56500 UDP/TLS/RTP/SAVPF 96 0 8 97 98 with 96 opus, 97 te/8000, 98 te/48000
        assertEquals(List.of("0", "8", "97"), OfferAnswer.negotiate(jsep, G711));
        assertEquals(List.of("96", "98"), OfferAnswer.negotiate(jsep, List.of(Codec.OPUS)));
    }

    @Test
    void staticPayloadTypesWithoutRtpmapNegotiate() throws SdpParseException {
        MediaDescription legacy = SdpCorpus.parse("sip-phone/legacy-hold-c0000-static-pt-only.sdp").media().get(0);
        assertEquals(List.of("0"), OfferAnswer.negotiate(legacy, G711));
        assertEquals(List.of("18"), OfferAnswer.negotiate(offer("m=audio 4000 RTP/AVP 18 4\r\n"), List.of(Codec.G729)));
    }

    @Test
    void comfortNoiseOnlyWhenSupportedAndNamesIgnoreCase() throws SdpParseException {
        MediaDescription m = offer("m=audio 4000 RTP/AVP 0 13 100\r\na=rtpmap:100 pcmu/8000\r\n");
        assertEquals(List.of("0", "100"), OfferAnswer.negotiate(m, G711));
        assertEquals(List.of("0", "13", "100"), OfferAnswer.negotiate(m, List.of(Codec.PCMU, Codec.of("CN", 8000))));
    }

    @Test
    void telephoneEventAtAnotherClockRateIsDropped() throws SdpParseException {
        MediaDescription m = offer("m=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/48000\r\n");
        assertEquals(List.of("0"), OfferAnswer.negotiate(m, G711));
    }

    @Test
    void rejectKeepsTheFirstFormatAndMid() {
        SessionDescription jsep = SdpCorpus.parse("webrtc/jsep-style-offer-bundle-only.sdp");
        MediaDescription offered = jsep.media().get(0);
        MediaDescription rejected = OfferAnswer.reject(offered);
        assertEquals(0, rejected.port());
        assertEquals(List.of("96"), rejected.formats());
        assertEquals(List.of(Attribute.of("mid", "a1")), rejected.attributes());
        assertEquals(offered.connection(), rejected.connection());
        assertEquals(offered.proto(), rejected.proto());
        assertTrue(rejected.isRejected());
        assertFalse(OfferAnswer.isAccepted(rejected));
        assertTrue(OfferAnswer.isAccepted(offered));
        assertTrue(OfferAnswer.isAccepted(jsep.media().get(1)), "bundle-only");
        assertEquals("m=audio 0 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 192.0.2.1\r\na=mid:a1\r\n", rejected.toString());

        MediaDescription trunk = SdpCorpus.parse("sip-phone/trunk-offer-pcma-only-with-rtcp.sdp").media().get(0);
        MediaDescription r = OfferAnswer.reject(trunk);
        assertEquals("m=audio 0 RTP/AVP 8\r\n", r.toString());
        assertEquals(Optional.empty(), r.mid());
    }
}
