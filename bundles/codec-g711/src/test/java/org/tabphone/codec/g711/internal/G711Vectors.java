package org.tabphone.codec.g711.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The G.711 reference vectors in {@code shared/testdata/vectors/g711} (made by its
 * {@code gen_g711.py}, a port of Sun's {@code g711.c}), found through the {@code tabphone.testdata}
 * system property that surefire sets (see pom.xml). A missing directory fails the test, never skips it.
 *
 * <ul>
 *   <li>{@code decode_tables.tsv}: code_dec, code_hex, alaw_to_s16, ulaw_to_s16 for the 256 codes;</li>
 *   <li>{@code alaw_encode_s16_all.bin}, {@code ulaw_encode_s16_all.bin}: byte k is the code of the
 *       16-bit sample k - 32768;</li>
 *   <li>{@code encode_checkpoints.tsv}: s16, alaw_hex, ulaw_hex at segment edges, every
 *       reconstruction level and its neighbours.</li>
 * </ul>
 */
final class G711Vectors {

    /** One row of encode_checkpoints.tsv. */
    record Checkpoint(int sample, int alaw, int ulaw) { }

    final short[] alawDecode = new short[256];
    final short[] ulawDecode = new short[256];
    /** Index {@code sample + 32768}. */
    final byte[] alawEncode;
    /** Index {@code sample + 32768}. */
    final byte[] ulawEncode;
    final List<Checkpoint> checkpoints;

    private static G711Vectors loaded;

    /** Loaded once per test JVM; the arrays are only read by tests. */
    static synchronized G711Vectors get() {
        if (loaded == null) {
            loaded = new G711Vectors(directory());
        }
        return loaded;
    }

    private static Path directory() {
        String base = System.getProperty("tabphone.testdata");
        if (base == null) {
            fail("System property tabphone.testdata is not set; run through Maven surefire (see pom.xml)");
        }
        Path dir = Path.of(base, "vectors", "g711");
        if (!Files.isDirectory(dir)) {
            fail("G.711 vectors not found at " + dir.toAbsolutePath() + " (tabphone.testdata=" + base + ")");
        }
        return dir;
    }

    private G711Vectors(Path dir) {
        try {
            List<String> decode = Files.readAllLines(dir.resolve("decode_tables.tsv"), StandardCharsets.UTF_8);
            assertEquals("code_dec\tcode_hex\talaw_to_s16\tulaw_to_s16", decode.get(0), "decode_tables.tsv header");
            assertEquals(257, decode.size(), "decode_tables.tsv: header + 256 rows");
            for (int code = 0; code < 256; code++) {
                String[] f = decode.get(code + 1).split("\t");
                assertEquals(4, f.length, "decode_tables.tsv row " + code);
                assertEquals(code, Integer.parseInt(f[0]), "decode_tables.tsv code_dec");
                assertEquals(code, Integer.decode(f[1]), "decode_tables.tsv code_hex");
                alawDecode[code] = Short.parseShort(f[2]);
                ulawDecode[code] = Short.parseShort(f[3]);
            }
            alawEncode = Files.readAllBytes(dir.resolve("alaw_encode_s16_all.bin"));
            ulawEncode = Files.readAllBytes(dir.resolve("ulaw_encode_s16_all.bin"));
            assertEquals(65536, alawEncode.length, "alaw_encode_s16_all.bin size");
            assertEquals(65536, ulawEncode.length, "ulaw_encode_s16_all.bin size");

            List<String> cp = Files.readAllLines(dir.resolve("encode_checkpoints.tsv"), StandardCharsets.UTF_8);
            assertEquals("s16\talaw_hex\tulaw_hex", cp.get(0), "encode_checkpoints.tsv header");
            List<Checkpoint> rows = new ArrayList<>(cp.size() - 1);
            for (String line : cp.subList(1, cp.size())) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\t");
                assertEquals(3, f.length, "encode_checkpoints.tsv row " + line);
                rows.add(new Checkpoint(Integer.parseInt(f[0]), Integer.decode(f[1]), Integer.decode(f[2])));
            }
            checkpoints = List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every 16-bit sample, -32768 first, so index k holds k - 32768 like the .bin files. */
    static short[] allSamples() {
        short[] all = new short[65536];
        for (int k = 0; k < all.length; k++) {
            all[k] = (short) (k - 32768);
        }
        return all;
    }

    static int alawEncode(G711Vectors v, int sample) {
        return v.alawEncode[sample + 32768] & 0xFF;
    }

    static int ulawEncode(G711Vectors v, int sample) {
        return v.ulawEncode[sample + 32768] & 0xFF;
    }
}
