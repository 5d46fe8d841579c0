package org.tabphone.trunk.sip.internal;

import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.CSeq;
import org.tabphone.sip.api.header.Header;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.transaction.ClientTransaction;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.trunk.api.TrunkSettings;
import org.tabphone.trunk.api.TrunkStatus;

/**
 * Keeps the gateway registered at the provider (RFC 3261 §10.2): REGISTER with our Contact on
 * the transport of the provider's current next hop, digest on 401/407, refresh before the
 * granted expiry, 423 Min-Expires honoured, and after a failure a retry with doubling back-off
 * (5 s … 5 min). All on the driver's thread or under this object's lock.
 */
final class OutboundRegistration implements ClientTransactionListener {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundRegistration.class);
    static final long FIRST_RETRY_SECONDS = 5;
    static final long MAX_RETRY_SECONDS = 300;

    private final SipTrunkLine line;
    private final TrunkSettings s;
    private final ScheduledExecutorService timers;
    private final RegistrationIds.Identity ids;
    private int expires;
    /** The REGISTER in flight and whether it already carries credentials (one try per challenge). */
    private SipRequest pending;
    /** The Contact {@code pending} registers: the next hop's transport may change between REGISTERs. */
    private NameAddress pendingContact;
    private boolean authorized;
    private long retrySeconds = FIRST_RETRY_SECONDS;
    private ScheduledFuture<?> next;
    private boolean closed;
    private boolean registered;

    OutboundRegistration(SipTrunkLine line, RegistrationIds.Identity ids, ScheduledExecutorService timers) {
        this.line = line;
        this.ids = ids;
        this.s = line.settings();
        this.timers = timers;
        this.expires = s.registerExpires();
    }

    synchronized void start() {
        schedule(0);
    }

    private void schedule(long seconds) {
        if (next != null) {
            next.cancel(false);
        }
        next = timers.schedule(this::register, seconds, TimeUnit.SECONDS);
    }

    private synchronized void register() {
        if (closed) {
            return;
        }
        line.status(TrunkStatus.State.REGISTERING, "REGISTER sent");
        send(expires, null);
    }

    private void send(int asked, Header auth) {
        Optional<NextHop> hop = line.proxy();
        if (hop.isEmpty()) {
            failed("provider host " + s.host() + " not resolved");
            return;
        }
        SipPath path = line.pathTo(hop.get());
        NameAddress contact = line.contact(hop.get().transport());
        SipUri aor = SipUri.builder(s.domain()).user(s.username()).build();
        SipRequest.Builder b = SipRequest.builder(SipMethod.REGISTER, SipUri.builder(s.domain()).build())
            .addVia(line.stack().newVia(path))
            .maxForwards(70)
            .from(NameAddress.of(aor).withTag(ids.fromTag()))
            .to(NameAddress.of(aor))
            .callId(ids.callId())
            .cseq(new CSeq(ids.cseq().incrementAndGet(), SipMethod.REGISTER))
            .set(HeaderName.CONTACT, contact)
            .set(HeaderName.EXPIRES, Integer.toString(asked));
        if (auth != null) {
            b.set(auth.name(), auth.value());
        }
        pending = b.build();
        pendingContact = contact;
        authorized = auth != null;
        line.stack().sendRequest(pending, path, this);
    }

    @Override
    public synchronized void onResponse(ClientTransaction tx, SipResponse r) {
        int code = r.statusCode();
        if (code < 200 || !isPending(tx)) {
            return;
        }
        boolean unregistering = closed;
        if (code < 300) {
            if (unregistering) {
                return;
            }
            int granted = grantedExpires(r);
            registered = true;
            retrySeconds = FIRST_RETRY_SECONDS;
            line.status(TrunkStatus.State.REGISTERED, "for " + granted + " s");
            LOG.info("trunk {}: registered as {} at {} for {} s", s.name(), s.username(), s.host(), granted);
            schedule(refreshAfter(granted));
        } else if ((code == 401 || code == 407) && !authorized) {
            Optional<Header> auth = TrunkDigest.authorize(s, r, pending);
            if (auth.isEmpty()) {
                failed(code + " " + r.reasonPhrase() + " and no credentials for it");
            } else {
                send(unregistering ? 0 : expires, auth.get());
            }
        } else if (code == 423 && !unregistering) { // RFC 3261 §10.2.8: ask again for at least Min-Expires
            int min = r.header(HeaderName.MIN_EXPIRES).map(OutboundRegistration::parseInt).orElse(-1);
            if (min <= expires) {
                failed("423 without a usable Min-Expires");
            } else {
                expires = min;
                send(expires, null);
            }
        } else if (!unregistering) {
            failed(code + " " + r.reasonPhrase() + (authorized ? " (credentials refused)" : ""));
        }
    }

    @Override
    public synchronized void onTimeout(ClientTransaction tx) {
        if (isPending(tx) && !closed) {
            failed("no answer from " + where());
        }
    }

    @Override
    public synchronized void onTransportError(ClientTransaction tx, Throwable cause) {
        if (isPending(tx) && !closed) {
            failed("cannot reach " + where() + " (" + cause.getMessage() + ")");
        }
    }

    /** The provider as configured, with the port we sent to (the configured one may be 0: SRV or the default). */
    private String where() {
        int port = line.proxy().map(h -> h.address().getPort()).orElse(s.port());
        return s.host() + ":" + port;
    }

    /** Answers to an earlier REGISTER (superseded by a challenge answer or a refresh) change nothing. */
    private boolean isPending(ClientTransaction tx) {
        return pending != null && tx.request().cseq().number() == pending.cseq().number();
    }

    private void failed(String why) {
        registered = false;
        line.status(TrunkStatus.State.FAILED, why);
        LOG.warn("trunk {}: registration failed: {}; retrying in {} s", s.name(), why, retrySeconds);
        schedule(retrySeconds);
        retrySeconds = Math.min(retrySeconds * 2, MAX_RETRY_SECONDS);
    }

    /**
     * Stops refreshing and, with {@code unregister}, removes our binding at the provider (best
     * effort, one challenge answered).
     */
    synchronized void close(boolean unregister) {
        closed = true;
        if (next != null) {
            next.cancel(false);
        }
        if (registered && unregister) {
            registered = false;
            send(0, null);
        }
    }

    /** The expiry the registrar granted our Contact (its Contact expires parameter, else Expires, else what we asked). */
    private int grantedExpires(SipResponse r) {
        String ours = pendingContact.uri().toString();
        for (NameAddress c : r.contacts()) {
            if (c.uri().toString().equalsIgnoreCase(ours)) {
                Optional<String> e = c.params().get("expires");
                if (e.isPresent()) {
                    int v = parseInt(e.get());
                    if (v > 0) {
                        return v;
                    }
                }
            }
        }
        int header = r.header(HeaderName.EXPIRES).map(OutboundRegistration::parseInt).orElse(-1);
        return header > 0 ? header : expires;
    }

    /** Refresh with a margin: at 80 % of short grants, 30 s early for long ones, never faster than 10 s. */
    static long refreshAfter(int granted) {
        long early = granted > 150 ? granted - 30L : (long) (granted * 0.8);
        return Math.max(10, early);
    }

    private static int parseInt(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
