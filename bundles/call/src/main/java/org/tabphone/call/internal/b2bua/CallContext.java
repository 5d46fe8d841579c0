package org.tabphone.call.internal.b2bua;

import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import org.tabphone.media.api.MediaService;

import org.tabphone.registrar.api.LocationService;
import org.tabphone.transport.api.SipStack;
import org.tabphone.transport.api.SipTransport;

/**
 * What every call of one B2BUA shares: the SIP services, the call table, event fan-out and
 * counters, the component's timer thread (ring timeouts), and the media service of the moment
 * (null when none is installed: SDP then passes through).
 */
record CallContext(SipStack stack, SipTransport transport, LocationService locations, CallTable table,
                   CallEvents events, ScheduledExecutorService timers, long ringTimeoutMillis,
                   Supplier<MediaService> media) {
}
