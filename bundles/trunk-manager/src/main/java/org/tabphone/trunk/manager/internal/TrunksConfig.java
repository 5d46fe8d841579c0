package org.tabphone.trunk.manager.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings shared by all trunks: {@code etc/org.tabphone.trunks.cfg} (optional). */
@ObjectClassDefinition(name = "Tabphone trunks", description = "Sibling-fork collapse across trunks")
public @interface TrunksConfig {

    @AttributeDefinition(description = "An INVITE of the same call arriving via another trunk within this many ms is"
        + " held at 180 (only the first rings)")
    long fork_window_ms() default 2000;

    @AttributeDefinition(description = "What makes two INVITEs the same call: call-id (Call-ID and From tag) or pai-to"
        + " (also P-Asserted-Identity and the called number)")
    String fork_correlation() default "call-id";
}
