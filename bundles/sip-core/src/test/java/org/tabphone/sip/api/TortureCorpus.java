package org.tabphone.sip.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The RFC 4475 torture messages in {@code shared/testdata/sip-torture}, located through the
 * {@code tabphone.testdata} system property (set by surefire) and checked against MANIFEST.tsv.
 */
final class TortureCorpus {
    /** One MANIFEST.tsv row. */
    record Entry(String file, String section, String title, String verdict, String expectedHandling, int bytes,
            String sha256) {
        @Override
        public String toString() {
            return file + " (RFC 4475 §" + section + ", " + verdict + ")";
        }
    }

    private TortureCorpus() {
    }

    static Path dir() {
        String base = System.getProperty("tabphone.testdata");
        if (base == null || base.isBlank()) {
            fail("System property tabphone.testdata is not set; run through Maven surefire (see pom.xml)");
        }
        Path dir = Path.of(base, "sip-torture");
        if (!Files.isDirectory(dir)) {
            fail("Torture corpus not found at " + dir.toAbsolutePath() + " (tabphone.testdata=" + base + ")");
        }
        return dir;
    }

    static List<Entry> manifest() {
        try {
            List<String> lines = Files.readAllLines(dir().resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
            assertEquals("file\trfc4475_section\ttitle\tverdict\texpected_handling\tbytes\tsha256", lines.get(0),
                    "MANIFEST.tsv header changed");
            return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t", -1)).map(c -> {
                assertEquals(7, c.length, "MANIFEST.tsv row with " + c.length + " columns: " + c[0]);
                return new Entry(c[0], c[1], c[2], c[3], c[4], Integer.parseInt(c[5]), c[6]);
            }).collect(Collectors.toUnmodifiableList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Entry> byFile() {
        return manifest().stream().collect(Collectors.toMap(Entry::file, Function.identity()));
    }

    /** The file's octets, after checking its size and sha256 against the manifest. */
    static byte[] bytes(Entry e) {
        try {
            byte[] b = Files.readAllBytes(dir().resolve(e.file()));
            assertEquals(e.bytes(), b.length, e.file() + ": size differs from MANIFEST.tsv");
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
            assertEquals(e.sha256(), sha, e.file() + ": sha256 differs from MANIFEST.tsv");
            return b;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static byte[] bytes(String file) {
        Entry e = byFile().get(file);
        assertTrue(e != null, file + " is not in MANIFEST.tsv");
        return bytes(e);
    }

    static SipMessage parse(String file) throws SipParseException {
        byte[] b = bytes(file);
        return SipMessages.parse(b, 0, b.length);
    }

    static SipRequest request(String file) throws SipParseException {
        return (SipRequest) parse(file);
    }

    static SipResponse response(String file) throws SipParseException {
        return (SipResponse) parse(file);
    }
}
