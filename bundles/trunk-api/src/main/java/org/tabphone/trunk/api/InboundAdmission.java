package org.tabphone.trunk.api;

import java.util.Optional;

/** What happens to an INVITE that came from a trunk's provider. */
public sealed interface InboundAdmission {

    String trunk();

    /** The trunk's tenant. */
    String tenant();

    /**
     * Ring it. {@code number} is the dialled number as the provider sent it; {@code user} the
     * tenant user the trunk maps it to, when it maps it.
     */
    record Admitted(TrunkCall call, String number, Optional<String> user) implements InboundAdmission {
        @Override
        public String trunk() {
            return call.settings().name();
        }

        @Override
        public String tenant() {
            return call.settings().tenant();
        }
    }

    /**
     * Answer 180 and nothing else until the provider CANCELs: the trunk takes no inbound calls
     * ({@code max.inbound = 0}) or this INVITE is a sibling fork of a call that arrived first.
     */
    record Held(String trunk, String tenant, String reason) implements InboundAdmission {
    }

    /** Over capacity: refuse with {@code code} (486 or 503). */
    record Refused(String trunk, String tenant, int code, String reason) implements InboundAdmission {
    }
}
