package org.tabphone.webphone.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tabphone.transport.api.StaticResources.StaticResource;

class PhoneResourcesTest {
    private static final WebFiles FILES = WebFiles.of(Map.of(
        "index.html", bytes("landing"),
        "sipjs/index.html", bytes("sipjs page"),
        "sipjs/app.js", bytes("app"),
        "sipjs/manifest.webmanifest", bytes("{}"),
        "sipjs/icons/icon-192.png", bytes("png"),
        "common/phone.css", bytes("css")));
    private final PhoneResources phone = new PhoneResources(FILES);
    private final LandingResources landing = new LandingResources(FILES);

    @Test
    void aFolderIsServedByItsIndexPage() {
        assertEquals("landing", text(phone.resource("/").orElseThrow()));
        assertEquals("sipjs page", text(phone.resource("/sipjs/").orElseThrow()));
        assertEquals("text/html; charset=utf-8", phone.resource("/sipjs/").orElseThrow().contentType());
    }

    @Test
    void filesCarryTheirMediaType() {
        assertEquals("text/javascript; charset=utf-8", phone.resource("/sipjs/app.js").orElseThrow().contentType());
        assertEquals("application/manifest+json", phone.resource("/sipjs/manifest.webmanifest").orElseThrow().contentType());
        assertEquals("image/png", phone.resource("/sipjs/icons/icon-192.png").orElseThrow().contentType());
        assertEquals("text/css; charset=utf-8", phone.resource("/common/phone.css").orElseThrow().contentType());
    }

    @Test
    void aFolderWithoutItsSlashMovesToTheSlashedUrlKeepingTheQuery() {
        StaticResource r = phone.resource("/sipjs").orElseThrow();
        assertEquals("text/html; charset=utf-8", r.contentType());
        assertTrue(text(r).contains("url=sipjs/"), text(r));
        assertTrue(text(r).contains("location.pathname + '/' + location.search"), text(r));
    }

    @Test
    void unknownPathsAre404() {
        assertTrue(phone.resource("/nope.js").isEmpty());
        assertTrue(phone.resource("/jssip/").isEmpty());
        assertTrue(phone.resource("/common/").isEmpty());
    }

    @Test
    void theRootServesOnlyTheLandingPage() {
        // the transport hands the root prefix's rest without its leading slash ("/" itself as "/")
        assertEquals("landing", text(landing.resource("/").orElseThrow()));
        assertEquals("landing", text(landing.resource("index.html").orElseThrow()));
        assertTrue(landing.resource("sipjs/app.js").isEmpty());
        assertTrue(landing.resource("common/phone.css").isEmpty());
    }

    @Test
    void contentTypesFallBackToOctetStream() {
        assertEquals("application/octet-stream", ContentTypes.of("LICENSE"));
        assertEquals("application/octet-stream", ContentTypes.of("a.b/c"));
        assertEquals("text/plain; charset=utf-8", ContentTypes.of("THIRD-PARTY-NOTICES.txt"));
        assertEquals("text/html; charset=utf-8", ContentTypes.of("X.HTML"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(StaticResource r) {
        return new String(r.content(), StandardCharsets.UTF_8);
    }
}
