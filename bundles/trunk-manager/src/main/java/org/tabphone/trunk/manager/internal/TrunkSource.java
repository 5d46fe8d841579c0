package org.tabphone.trunk.manager.internal;

import org.tabphone.trunk.api.TrunkSettings;

/** One configured trunk's current settings, as its configuration component holds them. */
interface TrunkSource {
    TrunkSettings current();

    /** Told when {@link #current()} changed (a reload); null to stop. */
    void onChange(Runnable listener);
}
