package org.tabphone.trunk.sip.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.transport.api.SipStack;
import org.tabphone.transport.api.SipTransport;
import org.tabphone.trunk.api.TrunkDriver;
import org.tabphone.trunk.api.TrunkLine;
import org.tabphone.trunk.api.TrunkSettings;

/**
 * The {@code sip} trunk driver. Its one thread resolves provider names (RFC 3263 NAPTR, SRV,
 * A/AAAA) and runs registration timers; SIP I/O goes through the gateway's stack.
 */
@Component(service = TrunkDriver.class, property = TrunkDriver.TYPE + "=sip")
public final class SipTrunkDriver implements TrunkDriver {
    private final SipStack stack;
    private final SipTransport transport;
    private final ScheduledExecutorService timers;
    private final RegistrationIds registrationIds = new RegistrationIds();
    private final SipServerLocator locator;

    @Activate
    public SipTrunkDriver(@Reference SipStack stack, @Reference SipTransport transport) {
        this.stack = stack;
        this.transport = transport;
        DnsClient dns = new DnsClient(null); // the system's resolvers
        this.locator = new SipServerLocator(new NaptrLookup(dns), new SrvLookup(dns));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tabphone-trunk-sip");
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void deactivate() {
        timers.shutdown(); // lets the un-REGISTERs already queued by the closing lines go out
    }

    @Override
    public TrunkLine open(TrunkSettings settings) {
        SipTrunkLine line = new SipTrunkLine(settings, stack, transport, timers, registrationIds, locator);
        line.start();
        return line;
    }
}
