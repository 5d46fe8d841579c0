package org.tabphone.registrar.internal.relay;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tabphone.registrar.api.LocationService;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.tenant.api.TenantDirectory;
import org.tabphone.transport.api.SipRequestHandler;
import org.tabphone.transport.api.SipStack;
import org.tabphone.transport.api.SipTransport;

/** Wiring: takes OPTIONS for the stack and hands them to the {@link OptionsRelay}. */
@Component(service = SipRequestHandler.class, property = SipRequestHandler.METHODS + "=OPTIONS")
public final class OptionsRelayComponent implements SipRequestHandler {
    private final OptionsRelay relay;

    @Activate
    public OptionsRelayComponent(@Reference TenantDirectory tenants, @Reference LocationService locations,
                                 @Reference SipTransport transport, @Reference SipStack stack) {
        this.relay = new OptionsRelay(tenants, locations, transport, stack);
    }

    @Override
    public void onRequest(ServerTransaction transaction) {
        relay.handle(transaction);
    }
}
