package org.tabphone.sdp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SDP samples in {@code shared/testdata/sdp} ({@code webrtc/} and {@code sip-phone/}), located
 * through the {@code tabphone.testdata} system property (set by surefire), with the facts of
 * FEATURES.tsv.
 */
final class SdpCorpus {
    /** One FEATURES.tsv row; "-" and "" mean none, as in the file. */
    record Entry(String file, int bytes, String media, String codecs, int candidates, boolean fingerprint,
            String setup, boolean rtcpMux, boolean bundle, boolean iceUfrag, boolean cryptoSdes, String direction) {
        @Override
        public String toString() {
            return file;
        }

        byte[] read() {
            try {
                return Files.readAllBytes(dir().resolve(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        SessionDescription parse() {
            try {
                return SessionDescription.parse(read());
            } catch (SdpParseException e) {
                throw new AssertionError(file + " does not parse: " + e.getMessage(), e);
            }
        }
    }

    private SdpCorpus() {
    }

    static Path dir() {
        String base = System.getProperty("tabphone.testdata");
        if (base == null || base.isBlank()) {
            fail("System property tabphone.testdata is not set; run through Maven surefire (see pom.xml)");
        }
        Path dir = Path.of(base, "sdp");
        if (!Files.isDirectory(dir)) {
            fail("SDP samples not found at " + dir.toAbsolutePath() + " (tabphone.testdata=" + base + ")");
        }
        return dir;
    }

    static List<Entry> features() {
        try {
            List<String> lines = Files.readAllLines(dir().resolve("FEATURES.tsv"), StandardCharsets.UTF_8);
            assertEquals("file\tbytes\tmedia\tcodecs\tcandidates\tfingerprint\tsetup\trtcp_mux\tbundle\tice_ufrag"
                    + "\tcrypto_sdes\tdirection", lines.get(0), "FEATURES.tsv header changed");
            return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t", -1)).map(c -> {
                assertEquals(12, c.length, "FEATURES.tsv row with " + c.length + " columns: " + c[0]);
                return new Entry(c[0], Integer.parseInt(c[1]), c[2], c[3], Integer.parseInt(c[4]), yes(c[5]), c[6],
                        yes(c[7]), yes(c[8]), yes(c[9]), yes(c[10]), c[11]);
            }).collect(Collectors.toUnmodifiableList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Entry> group(String folder) {
        return features().stream().filter(e -> e.file().startsWith(folder + "/")).collect(Collectors.toList());
    }

    /** The parsed sample {@code file} (relative to the sdp folder). */
    static SessionDescription parse(String file) {
        return features().stream().filter(e -> e.file().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError("not in FEATURES.tsv: " + file)).parse();
    }

    private static boolean yes(String s) {
        if (!s.equals("yes") && !s.equals("no")) {
            fail("FEATURES.tsv: expected yes/no, got " + s);
        }
        return s.equals("yes");
    }
}
