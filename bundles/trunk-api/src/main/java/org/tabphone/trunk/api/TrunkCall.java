package org.tabphone.trunk.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A line seized on a trunk for one call: it counts against the trunk's capacity until
 * {@link #release()}. It keeps the settings and the connection the call started with, so a
 * reload or a driver update leaves the call alone.
 */
@ProviderType
public interface TrunkCall {

    enum Direction { INBOUND, OUTBOUND }

    Direction direction();

    TrunkSettings settings();

    TrunkLine line();

    /** Frees the line; idempotent. */
    void release();
}
