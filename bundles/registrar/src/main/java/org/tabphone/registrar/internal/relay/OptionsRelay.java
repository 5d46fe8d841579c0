package org.tabphone.registrar.internal.relay;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.registrar.api.Binding;
import org.tabphone.registrar.api.BindingPaths;
import org.tabphone.registrar.api.LocationService;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.transaction.ClientTransaction;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.tenant.api.Tenant;
import org.tabphone.tenant.api.TenantDirectory;
import org.tabphone.transport.api.SipStack;
import org.tabphone.transport.api.SipTransport;

/**
 * OPTIONS for a user goes to that user's newest registered contact, the way a proxy forwards it
 * (RFC 3261 §16: our Via on top, Request-URI = the contact, Max-Forwards decremented) — over
 * the flow the registration came on, so a browser's {@code .invalid} contact is reached through
 * its WebSocket (RFC 7118 §5, RFC 5626 §5.3). OPTIONS without a user part is for the gateway.
 */
public final class OptionsRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OptionsRelay.class);

    private final TenantDirectory tenants;
    private final LocationService locations;
    private final SipTransport transport;
    private final SipStack stack;

    public OptionsRelay(TenantDirectory tenants, LocationService locations, SipTransport transport, SipStack stack) {
        this.tenants = tenants;
        this.locations = locations;
        this.transport = transport;
        this.stack = stack;
    }

    public void handle(ServerTransaction tx) {
        SipRequest req = tx.request();
        if (!(req.requestUri() instanceof SipUri ruri) || ruri.user().isEmpty()) {
            tx.respond(stack.capabilities(req));
            return;
        }
        Optional<Tenant> tenant = tenants.byDomain(ruri.host());
        String user = ruri.userDecoded().orElseThrow();
        if (tenant.isEmpty() || tenant.get().user(user).isEmpty()) {
            tx.respond(Replies.reply(req, 404, "No such user").build());
            return;
        }
        OptionalInt mf = req.maxForwards();
        if (mf.isPresent() && mf.getAsInt() == 0) {
            tx.respond(Replies.reply(req, 483, null).build()); // RFC 3261 §16.3 step 3
            return;
        }
        List<Binding> bindings = locations.lookup(tenant.get().name(), user);
        for (Binding b : bindings) {
            Optional<SipPath> path = BindingPaths.pathOf(b, transport, stack);
            if (path.isPresent()) {
                forward(tx, b, path.get());
                return;
            }
        }
        tx.respond(Replies.reply(req, 480, "Not registered").build());
    }

    private void forward(ServerTransaction tx, Binding b, SipPath path) {
        SipRequest in = tx.request();
        SipRequest out = in.toBuilder()
            .requestUri(b.contact())
            .maxForwards(in.maxForwards().orElse(70) - 1)
            .addVia(stack.newVia(path))
            .build();
        stack.sendRequest(out, path, new ClientTransactionListener() {
            @Override
            public void onResponse(ClientTransaction ct, SipResponse response) {
                if (response.statusCode() == 100) {
                    return; // hop by hop (RFC 3261 §16.7 step 3)
                }
                respond(tx, response.toBuilder().removeFirst(HeaderName.VIA).build());
            }

            @Override
            public void onTimeout(ClientTransaction ct) {
                respond(tx, Replies.reply(in, 408, null).build());
            }

            @Override
            public void onTransportError(ClientTransaction ct, Throwable cause) {
                LOG.info("OPTIONS to {}@{} via {} failed: {}", b.user(), b.tenant(), path, cause.toString());
                respond(tx, Replies.reply(in, 480, "Contact unreachable").build());
            }
        });
    }

    private static void respond(ServerTransaction tx, SipResponse r) {
        try {
            tx.respond(r);
        } catch (IllegalStateException alreadyFinal) {
            // a second final response from the contact: the first one won
        }
    }
}
