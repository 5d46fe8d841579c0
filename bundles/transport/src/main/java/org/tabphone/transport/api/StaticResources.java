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

    /** Bytes and their media type, e.g. {@code text/html; charset=utf-8}. */
    record StaticResource(byte[] content, String contentType) {
    }
}
