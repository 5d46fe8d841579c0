package org.tabphone.admin.internal.jmx;

import java.util.Map;

/** {@code org.tabphone:type=Trunks}: trunk counts, lines in use, and each trunk's status. */
public interface TrunksMBean {
    int getCount();

    int getRegistered();

    int getInboundLines();

    int getOutboundLines();

    long getHeld();

    long getRefused();

    /** Trunk name → "STATE: detail". */
    Map<String, String> getStatus();
}
