package org.tabphone.call.internal.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tabphone.media.api.MediaException;
import org.tabphone.sdp.api.Direction;
import org.tabphone.sdp.api.MediaDescription;
import org.tabphone.sdp.api.SessionDescription;

/**
 * The answer a placeholder leg gives so the media service answers an INVITE with Replaces for the
 * callee's leg, against real offers from shared/testdata/sdp: one codec of the offer (the staying
 * party's when offered, so nothing is transcoded), its DTMF at that clock, the answering direction.
 */
class PlaceholderAnswerTest {

    private static SessionDescription testdata(String file) throws Exception {
        String base = System.getProperty("tabphone.testdata");
        if (base == null) {
            fail("System property tabphone.testdata is not set; run through Maven surefire (see pom.xml)");
        }
        return SessionDescription.parse(Files.readAllBytes(Path.of(base, "sdp", file)));
    }

    private static MediaDescription audio(SessionDescription sdp) {
        return sdp.media().get(0);
    }

    @Test
    void rfc3264_6_1_aBrowserOfferAnsweredWithTheStayingPartysOpus_andTelephoneEventAt48k() throws Exception {
        SessionDescription answer = PlaceholderAnswer.answering(testdata("webrtc/chrome-audio-with-candidates.sdp"),
            "opus/48000/2");
        MediaDescription m = audio(answer);
        assertEquals("RTP/AVP", m.proto());
        assertEquals(List.of("111", "110"), m.formats());
        assertEquals("opus/48000/2", m.rtpMap(111).orElseThrow().encoding());
        assertEquals("minptime=10;useinbandfec=1", m.fmtp(111).orElseThrow());
        assertEquals("telephone-event/48000", m.rtpMap(110).orElseThrow().encoding());
        assertEquals(Direction.SENDRECV, m.direction());
    }

    @Test
    void rfc3264_6_1_aCodecTheStayingPartyDoesNotUse_fallsBackToTheOffersFirstG711() throws Exception {
        SessionDescription chrome = testdata("webrtc/chrome-audio-with-candidates.sdp");
        assertEquals(List.of("0", "126"), audio(PlaceholderAnswer.answering(chrome, "G729/8000")).formats());
        assertEquals(List.of("0", "126"), audio(PlaceholderAnswer.answering(chrome, "")).formats());
        SessionDescription phone = testdata("sip-phone/deskphone-offer-pcmu-pcma-dtmf.sdp");
        assertEquals(List.of("8", "101"), audio(PlaceholderAnswer.answering(phone, "PCMA/8000")).formats());
    }

    @Test
    void rfc3264_8_4_anOldStyleHoldOffer_isAnsweredRecvonly_andAStaticPayloadTypeNeedsNoRtpmapInTheOffer() throws Exception {
        MediaDescription m = audio(PlaceholderAnswer.answering(testdata("sip-phone/legacy-hold-c0000-static-pt-only.sdp"),
            "PCMU/8000"));
        assertEquals(List.of("0"), m.formats());
        assertEquals(Direction.RECVONLY, m.direction());
        assertEquals(Direction.INACTIVE,
            audio(PlaceholderAnswer.answering(SessionDescription.parse(SipSdp.PCMU.replace("sendrecv", "recvonly")
                .replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0")), "")).direction());
        assertEquals(Direction.RECVONLY,
            audio(PlaceholderAnswer.answering(SessionDescription.parse(SipSdp.PCMU.replace("sendrecv", "sendonly")), ""))
                .direction());
    }

    @Test
    void anOfferWithoutAudioOrWithoutAnAudioCodec_is488() throws Exception {
        MediaException none = assertThrows(MediaException.class, () -> PlaceholderAnswer.answering(
            SessionDescription.parse(SipSdp.PCMU.replace("m=audio 4000 RTP/AVP 0", "m=audio 0 RTP/AVP 0")), ""));
        assertEquals(488, none.sipStatus());
        MediaException dtmfOnly = assertThrows(MediaException.class, () -> PlaceholderAnswer.answering(
            SessionDescription.parse(SipSdp.PCMU.replace("RTP/AVP 0", "RTP/AVP 101").replace("a=rtpmap:0 PCMU/8000",
                "a=rtpmap:101 telephone-event/8000")), ""));
        assertEquals(488, dtmfOnly.sipStatus());
    }

    /** A minimal plain phone offer to vary. */
    private static final class SipSdp {
        static final String PCMU = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n";
    }
}
