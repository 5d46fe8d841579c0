package org.tabphone.sdp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Feeds arbitrary octets to {@link SessionDescription#parse(byte[])}. The only acceptable failure is
 * an {@link SdpParseException} with a line number inside the input and a printable reason; a
 * description that parses must answer every reader without throwing, write out text that parses
 * to an equal description, write the same text again, and survive an unedited builder.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the seeds (and any regression inputs) in
 * {@code SdpParserFuzzTestInputs/parseAndEncode} as a unit test; the pom's {@code bounded-fuzz}
 * execution fuzzes it for 10 s.
 */
class SdpParserFuzzTest {
    @FuzzTest(maxDuration = "10s")
    // libFuzzer dictionary syntax needs \x0D\x0A for CRLF, which @DictionaryEntries does not escape
    @DictionaryFile(resourcePath = "sdp.dict")
    void parseAndEncode(byte[] data) {
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(data);
        } catch (SdpParseException e) {
            checkError(e, data);
            return;
        }
        readEverything(sdp);
        String written = sdp.encode();
        SessionDescription again;
        try {
            again = SessionDescription.parse(sdp.toBytes());
        } catch (SdpParseException e) {
            throw new AssertionError("Written description does not parse: " + e.getMessage() + "\n" + written, e);
        }
        assertEquals(sdp, again);
        assertEquals(written, again.encode(), "writing is idempotent");
        assertEquals(sdp, sdp.toBuilder().build(), "an unedited builder gives an equal description");
        for (MediaDescription m : sdp.media()) {
            assertEquals(m, m.toBuilder().build());
        }
    }

    private static void checkError(SdpParseException e, byte[] data) {
        assertTrue(e.lineNumber() >= 0 && e.lineNumber() <= data.length + 1, e.getMessage());
        assertTrue(!e.reason().isEmpty() && e.reason().chars().allMatch(c -> c >= 0x20 && c < 0x7F), e.getMessage());
    }

    private static void readEverything(SessionDescription s) {
        s.origin().withNextVersion();
        s.origin().sessionVersionAsLong();
        s.bundleGroup();
        s.isIceLite();
        s.direction();
        s.attributes().forEach(a -> s.attributes(a.name()));
        for (MediaDescription m : s.media()) {
            m.rtpMaps().values().forEach(r -> {
                m.fmtp(r.payloadType());
                r.codec();
                RtpMap.parse(r.encode()).ifPresent(back -> assertEquals(r.encode(), back.encode()));
            });
            m.formats().forEach(m::fmtp);
            m.direction();
            m.isHold();
            m.isRejected();
            m.isRtp();
            m.isDtlsSrtp();
            m.mid();
            m.iceUfrag();
            m.icePwd();
            m.iceOptions();
            m.fingerprints();
            m.setup();
            m.rtcpMux();
            m.endOfCandidates();
            m.effectiveConnection();
            for (Candidate c : m.candidates()) {
                assertEquals(c, Candidate.parse(c.encode()).orElseThrow(), "a candidate writes back as read");
            }
            for (Ssrc x : m.ssrcs()) {
                assertEquals(x, Ssrc.parse(x.encode()).orElseThrow());
            }
            m.ssrcIds();
            m.attributes().forEach(a -> m.attributes(a.name()));
            OfferAnswer.negotiate(m, java.util.List.of(Codec.PCMU, Codec.PCMA, Codec.OPUS));
            OfferAnswer.reject(m);
        }
    }
}
