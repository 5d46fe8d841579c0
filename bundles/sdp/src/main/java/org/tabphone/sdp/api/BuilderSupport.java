package org.tabphone.sdp.api;

import java.util.List;

/** Checks and list edits the builders share. */
final class BuilderSupport {
    private BuilderSupport() {
    }

    /**
     * Makes {@code target} hold what {@code source} holds. {@code source} is copied first, so a null
     * list or element is rejected before {@code target} changes.
     */
    static <T> void replaceContents(List<T> target, List<? extends T> source) {
        List<? extends T> copy = List.copyOf(source);
        target.clear();
        target.addAll(copy);
    }

    /** @throws IllegalArgumentException if {@code port} is not 0-65535 */
    static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port out of range: " + port);
        }
        return port;
    }
}
