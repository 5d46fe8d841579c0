package org.tabphone.webphone.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.tabphone.transport.api.StaticResources;

/**
 * The web app under {@code /phone}: {@code /phone/} is the landing page, {@code /phone/sipjs/}
 * and {@code /phone/jssip/} the two softphones. A folder's {@code index.html} answers for the
 * folder; a folder named without its trailing slash ({@code /phone/sipjs}) gets a page that
 * moves to the slashed URL, keeping the query ({@code ?call=1002}), so that relative links,
 * the manifest and the service worker scope resolve inside the folder. (The transport answers
 * 200 or 404 only, so the move is done by the page rather than by a 301.)
 */
final class PhoneResources implements StaticResources {
    private final WebFiles files;

    PhoneResources(WebFiles files) {
        this.files = files;
    }

    @Override
    public Optional<StaticResource> resource(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.isEmpty() || p.endsWith("/")) {
            return files.get(p + "index.html");
        }
        Optional<StaticResource> file = files.get(p);
        if (file.isPresent() || !files.contains(p + "/index.html")) {
            return file;
        }
        return Optional.of(moveToFolder(p.substring(p.lastIndexOf('/') + 1)));
    }

    /** A page that replaces itself with {@code <name>/} plus the current query and fragment. */
    static StaticResource moveToFolder(String name) {
        String html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta http-equiv=\"refresh\" content=\"0; url=" + name + "/\">"
            + "<title>Tabphone</title></head><body>"
            + "<script>location.replace(location.pathname + '/' + location.search + location.hash);</script>"
            + "<p><a href=\"" + name + "/\">Tabphone</a></p></body></html>\n";
        return new StaticResource(html.getBytes(StandardCharsets.UTF_8), ContentTypes.of("index.html"));
    }
}
