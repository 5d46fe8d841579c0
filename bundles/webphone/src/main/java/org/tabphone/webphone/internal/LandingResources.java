package org.tabphone.webphone.internal;

import java.util.Optional;

import org.tabphone.transport.api.StaticResources;

/**
 * The landing page at the root of the WS/WSS ports ({@code https://gateway:8443/}), the same
 * page as {@code /phone/}; it links with absolute paths, so it works from either place. Only
 * {@code /} and {@code /index.html}: every other root path stays free (404, or a longer prefix
 * of another provider).
 */
final class LandingResources implements StaticResources {
    static final String PAGE = "index.html";
    private final WebFiles files;

    LandingResources(WebFiles files) {
        this.files = files;
    }

    @Override
    public Optional<StaticResource> resource(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;   // the root prefix leaves no '/'
        return p.isEmpty() || p.equals(PAGE) ? files.get(PAGE) : Optional.empty();
    }
}
