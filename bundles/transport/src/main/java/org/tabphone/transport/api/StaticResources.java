package org.tabphone.transport.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: files served over HTTP(S) on the WS/WSS ports, beside the SIP endpoint (the
 * webphone lives here). Register with the service property {@value #PATH} (a prefix such as
 * {@code /phone}); a GET for {@code /phone/x/y.js} asks the provider with the longest matching
 * prefix for {@code /x/y.js}. Called on an I/O thread: answer from memory, don't block.
 */
@ConsumerType
public interface StaticResources {
    /** Service property: the URL path prefix this provider serves, starting with '/'. */
    String PATH = "http.path";

    /** The resource at {@code path} (relative to the prefix, starting with '/'), or empty for 404. */
    Optional<StaticResource> resource(String path);

    /**
     * The answer to a GET/HEAD, for resources that depend on who asks (the webphone's ICE
     * servers, behind the caller's credentials). By default {@link #resource(String)}: 200 or 404.
     */
    default Reply answer(Request request) {
        return resource(request.path()).map(r -> new Reply(200, r.content(), r.contentType())).orElse(Reply.NOT_FOUND);
    }

    /** Bytes and their media type, e.g. {@code text/html; charset=utf-8}. */
    record StaticResource(byte[] content, String contentType) {
    }

    /**
     * A request as a provider sees it.
     *
     * @param path    below the provider's prefix, starting with '/'
     * @param query   the raw query string, empty when none
     * @param headers the request's headers, names in lower case (first value of each)
     * @param client  the TCP peer
     */
    record Request(String path, String query, java.util.Map<String, String> headers, java.net.InetSocketAddress client) {
    }

    /** An answer: status, body and its media type. */
    record Reply(int status, byte[] content, String contentType) {
        public static final Reply NOT_FOUND = new Reply(404, "Not found\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "text/plain; charset=utf-8");
    }
}
