package org.tabphone.trunk.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 3261 §10.2.4: refresh before the binding the registrar granted expires. */
class OutboundRegistrationTest {

    @Test
    void refreshesEarlyEnoughButNotInALoop() {
        assertEquals(3570, OutboundRegistration.refreshAfter(3600), "30 s before a long grant");
        assertEquals(96, OutboundRegistration.refreshAfter(120), "at 80 % of a short one");
        assertEquals(10, OutboundRegistration.refreshAfter(5), "never faster than every 10 s");
    }
}
