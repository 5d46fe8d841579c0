package org.tabphone.sdp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample of {@code shared/testdata/sdp} parses, writes back byte for byte, and shows the facts
 * FEATURES.tsv lists for it.
 */
class SdpCorpusTest {
    private static final Set<String> CODECS_OF_INTEREST = Set.of("opus", "pcmu", "pcma", "g722", "telephone-event");

    static List<SdpCorpus.Entry> samples() {
        return SdpCorpus.features();
    }

    @Test
    void featuresListsEverySample() throws IOException {
        Set<String> onDisk = new TreeSet<>();
        for (String folder : List.of("webrtc", "sip-phone")) {
            try (Stream<Path> files = Files.list(SdpCorpus.dir().resolve(folder))) {
                files.filter(p -> p.toString().endsWith(".sdp")).forEach(p -> onDisk.add(folder + "/" + p.getFileName()));
            }
        }
        Set<String> listed = samples().stream().map(SdpCorpus.Entry::file).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(onDisk, listed);
        assertEquals(17, listed.size(), "README.md says 17 files");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void writesBackByteForByte(SdpCorpus.Entry e) throws SdpParseException {
        byte[] original = e.read();
        assertEquals(e.bytes(), original.length, "FEATURES.tsv bytes");
        SessionDescription sdp = SessionDescription.parse(original);
        assertEquals(new String(original, StandardCharsets.UTF_8), sdp.encode());
        assertEquals(sdp, SessionDescription.parse(sdp.toBytes()));
        assertEquals(sdp, sdp.toBuilder().build(), "an unedited builder gives an equal description");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void lfOnlyLineEndingsParseTheSame(SdpCorpus.Entry e) throws SdpParseException {
        String text = new String(e.read(), StandardCharsets.UTF_8);
        assertEquals(e.parse(), SessionDescription.parse(text.replace("\r\n", "\n")));
        assertEquals(e.parse(), SessionDescription.parse(text.replace("\r\n", " \t\n")), "trailing whitespace");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void showsTheFactsOfFeaturesTsv(SdpCorpus.Entry e) {
        SessionDescription sdp = e.parse();
        List<MediaDescription> media = sdp.media();

        assertEquals(e.media(), media.stream().map(m -> m.media() + ":" + m.proto()).collect(Collectors.joining(" ")));
        assertEquals(e.codecs(), codecs(media), "codecs");
        assertEquals(e.candidates(), media.stream().mapToInt(m -> m.candidates().size()).sum(), "candidates");
        assertEquals(e.candidates(), media.stream().mapToInt(m -> m.attributes("candidate").size()).sum(),
                "every candidate line is well-formed");
        assertEquals(e.fingerprint(), media.stream().anyMatch(m -> m.fingerprint().isPresent()), "fingerprint");
        assertEquals(e.setup(), joinOrDash(media.stream().map(MediaDescription::setup)
                .flatMap(java.util.Optional::stream).map(Setup::value)), "setup");
        assertEquals(e.rtcpMux(), media.stream().anyMatch(MediaDescription::rtcpMux), "rtcp-mux");
        assertEquals(e.bundle(), !sdp.bundleGroup().isEmpty(), "BUNDLE");
        assertEquals(e.iceUfrag(), media.stream().anyMatch(m -> m.iceUfrag().isPresent()), "ice-ufrag");
        assertEquals(e.iceUfrag(), media.stream().anyMatch(m -> m.icePwd().isPresent()), "ice-pwd with ice-ufrag");
        assertEquals(e.cryptoSdes(), media.stream().anyMatch(m -> m.hasAttribute("crypto")), "a=crypto");
        List<Direction> written = new ArrayList<>();
        sdp.direction().ifPresent(written::add);
        media.forEach(m -> m.mediaDirection().ifPresent(written::add));
        assertEquals(e.direction(), joinOrDash(written.stream().map(Direction::attributeName)), "direction");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void bundleGroupNamesMids(SdpCorpus.Entry e) {
        SessionDescription sdp = e.parse();
        for (String mid : sdp.bundleGroup()) {
            assertTrue(sdp.mediaByMid(mid).isPresent(), "BUNDLE names mid " + mid + " that no m= section has");
        }
    }

    @Test
    void browserOffersSayActpassAndCarryWhatWebRtcNeeds() {
        for (SdpCorpus.Entry e : SdpCorpus.group("webrtc")) {
            SessionDescription sdp = e.parse();
            for (MediaDescription m : sdp.media()) {
                assertTrue(m.iceUfrag().isPresent() && m.icePwd().isPresent(), e + " " + m.media());
                assertTrue(m.fingerprint().isPresent(), e + " " + m.media());
                m.fingerprint().ifPresent(f -> {
                    assertEquals("sha-256", f.hashFunction());
                    assertEquals(32 * 3 - 1, f.value().length(), "32 hex pairs with colons");
                });
                if (!e.file().contains("freeswitch")) { // FreeSWITCH's is an answer: active
                    assertEquals(Setup.ACTPASS, m.setup().orElseThrow(), e + " " + m.media());
                }
            }
        }
    }

    @Test
    void sipPhoneSamplesArePlainRtpAvp() {
        for (SdpCorpus.Entry e : SdpCorpus.group("sip-phone")) {
            SessionDescription sdp = e.parse();
            for (MediaDescription m : sdp.media()) {
                assertEquals("RTP/AVP", m.proto(), e.file());
                assertTrue(m.candidates().isEmpty() && m.fingerprint().isEmpty() && m.iceUfrag().isEmpty(), e.file());
                assertTrue(m.effectiveConnection().isPresent(), e.file());
            }
        }
    }

    /** The audio codecs of interest as FEATURES.tsv writes them: distinct, sorted ignoring case. */
    private static String codecs(List<MediaDescription> media) {
        Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (MediaDescription m : media) {
            if (!m.media().equals("audio")) {
                continue;
            }
            for (RtpMap r : m.rtpMaps().values()) {
                if (CODECS_OF_INTEREST.contains(r.encodingName().toLowerCase(Locale.ROOT))) {
                    out.add(r.encoding() + (r.isStatic() ? "(static)" : ""));
                }
            }
        }
        return String.join(",", out);
    }

    private static String joinOrDash(Stream<String> values) {
        Set<String> distinct = values.collect(Collectors.toCollection(LinkedHashSet::new));
        return distinct.isEmpty() ? "-" : String.join(",", distinct);
    }
}
