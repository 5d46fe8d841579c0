package org.tabphone.webphone.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * What build.mjs wrote into target/classes/webphone (the bundle's web app): both softphones with
 * their bundled library, manifest, icons and service worker, and nothing fetched from elsewhere.
 */
class BuiltWebAppTest {
    private static final Path OUT = Path.of("target/classes/webphone");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void bothSoftphonesAreBuiltWithTheirShell() throws IOException {
        assertTrue(Files.isRegularFile(OUT.resolve("index.html")), "no landing page in " + OUT.toAbsolutePath());
        for (String app : new String[] {"sipjs", "jssip"}) {
            for (String f : new String[] {"index.html", "app.js", "sw.js", "manifest.webmanifest",
                "icons/icon-192.png", "icons/icon-512.png", "icons/icon-maskable-512.png"}) {
                assertTrue(Files.isRegularFile(OUT.resolve(app).resolve(f)), app + "/" + f + " is missing");
            }
            String manifest = read(app + "/manifest.webmanifest");
            assertTrue(manifest.contains("\"display\": \"standalone\""), manifest);
            assertTrue(manifest.contains("\"start_url\": \"./\""), manifest);
            assertTrue(manifest.contains("\"sizes\": \"512x512\""), manifest);
            assertArrayEquals(PNG, Arrays.copyOf(Files.readAllBytes(OUT.resolve(app + "/icons/icon-192.png")), 8));
            String sw = read(app + "/sw.js");
            assertTrue(sw.contains("const VERSION = '") && !sw.contains("{{"), "service worker not filled in: " + sw);
            assertTrue(read(app + "/app.js").length() > 50_000, app + "/app.js does not hold its SIP library");
        }
        assertTrue(read("jssip/app.js").contains("JsSIP"), "JsSIP is not bundled");
        assertTrue(read("sipjs/app.js").contains("SimpleUser"), "SIP.js SimpleUser is not bundled");
        assertTrue(read("THIRD-PARTY-NOTICES.txt").contains("== sip.js 0.21.2"));
    }

    @Test
    void pagesLoadNothingFromElsewhere() throws IOException {
        for (String page : new String[] {"index.html", "sipjs/index.html", "jssip/index.html"}) {
            String html = read(page);
            assertTrue(!html.contains("http://") && !html.contains("https://") && !html.contains("src=\"//"),
                page + " refers to another site");
        }
    }

    private static String read(String path) throws IOException {
        return Files.readString(OUT.resolve(path), StandardCharsets.UTF_8);
    }
}
