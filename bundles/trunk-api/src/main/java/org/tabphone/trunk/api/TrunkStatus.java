package org.tabphone.trunk.api;

import java.time.Instant;

/**
 * What a trunk's connection is doing, for {@code tabphone:trunks} and JMX.
 *
 * @param detail the last error ("401 after credentials", "no route to host") or, registered, until when
 */
public record TrunkStatus(State state, String detail, Instant since) {

    public enum State {
        /** No registration configured: calls go to the provider's address as is. */
        STATIC,
        /** Resolving the provider or waiting for the answer to a REGISTER. */
        REGISTERING,
        REGISTERED,
        /** The last registration failed; retrying with back-off. Calls are still attempted. */
        FAILED,
        /** No driver bundle of the trunk's type is installed. */
        NO_DRIVER,
        STOPPED
    }

    public static TrunkStatus of(State state, String detail) {
        return new TrunkStatus(state, detail, Instant.now());
    }
}
