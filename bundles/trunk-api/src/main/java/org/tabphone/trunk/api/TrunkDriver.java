package org.tabphone.trunk.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A driver bundle's service for one trunk type, registered with the service property
 * {@value #TYPE} (e.g. {@code sip}). When a driver comes or goes (bundle:update), the trunks of
 * its type reconnect; calls in progress are unaffected (their dialogs live in the call bundle).
 */
@ConsumerType
public interface TrunkDriver {
    /** Service property naming the trunk type this driver handles. */
    String TYPE = "trunk.driver";

    /** Starts a trunk (registration, if configured, runs in the background). */
    TrunkLine open(TrunkSettings settings);
}
