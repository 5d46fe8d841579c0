package org.tabphone.call.internal.b2bua;

import java.util.concurrent.ScheduledExecutorService;

import org.tabphone.registrar.api.LocationService;
import org.tabphone.transport.api.SipStack;
import org.tabphone.transport.api.SipTransport;

/**
 * What every call of one B2BUA shares: the SIP services, the call table, event fan-out and
 * counters, and the component's timer thread (ring timeouts).
 */
record CallContext(SipStack stack, SipTransport transport, LocationService locations, CallTable table,
                   CallEvents events, ScheduledExecutorService timers, long ringTimeoutMillis) {
}
