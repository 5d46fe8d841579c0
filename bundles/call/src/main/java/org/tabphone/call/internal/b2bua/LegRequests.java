package org.tabphone.call.internal.b2bua;

import java.util.concurrent.ThreadLocalRandom;

import org.tabphone.registrar.api.Binding;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.header.CSeq;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.header.Tags;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.uri.SipUri;
import org.tabphone.transport.api.Flow;
import org.tabphone.transport.api.SipStack;
import org.tabphone.transport.api.SipTransport;
import org.tabphone.transport.api.TransportKind;
import org.tabphone.trunk.api.OutboundLeg;

/**
 * The messages a B2BUA leg is made of. The callee leg is a new dialog (RFC 3261 §6 B2BUA): its
 * own Call-ID, From tag and CSeq, the caller's identity in From, the SDP media shaped for it.
 */
final class LegRequests {
    /**
     * What a callee leg may send us in its dialog: CallComponent takes BYE, CANCEL, re-INVITE,
     * UPDATE, INFO, MESSAGE and REFER (a callee transfers the caller), the stack answers OPTIONS.
     */
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, MESSAGE, REFER";

    private final SipStack stack;
    private final SipTransport transport;

    LegRequests(SipStack stack, SipTransport transport) {
        this.stack = stack;
        this.transport = transport;
    }

    static String newTag() {
        return Tags.newTag();
    }

    static String newCallId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(System.nanoTime()) + "@tabphone";
    }

    /** The INVITE toward one registered contact of the callee, with {@code sdp} (null: no body). */
    SipRequest calleeInvite(SipRequest callerInvite, String tenantDomain, Binding target, SipPath path, byte[] sdp) {
        return calleeInvite(callerInvite, callerInvite.from(), tenantDomain, target, path, sdp);
    }

    /**
     * The same from {@code from}: the party a transfer target is connected to (the caller, or the
     * callee as the caller dialled it when the caller transferred it).
     */
    SipRequest calleeInvite(SipRequest callerInvite, NameAddress from, String tenantDomain, Binding target, SipPath path,
                            byte[] sdp) {
        SipUri aor = SipUri.builder(tenantDomain).user(target.user()).build();
        SipRequest.Builder b = SipRequest.builder(SipMethod.INVITE, target.contact())
            .addVia(stack.newVia(path))
            .maxForwards(callerInvite.maxForwards().orElse(70) - 1)
            .from(from.withTag(newTag()))
            .to(NameAddress.of(aor))
            .callId(newCallId())
            .cseq(new CSeq(1, SipMethod.INVITE))
            .set(HeaderName.CONTACT, contact(path))
            .set(HeaderName.ALLOW, ALLOW);
        if (sdp != null && sdp.length > 0) {
            b.body(sdp, callerInvite.contentType().orElse("application/sdp"));
        }
        return b.build();
    }

    /**
     * The INVITE toward a trunk's provider: the provider's Request-URI, To and From (the caller-id
     * it accepts), our Contact on {@code kind}, the transport of the leg's path ({@link OutboundLeg#transport()}:
     * DNS's choice for a trunk with {@code transport = auto}), {@code sdp}.
     */
    SipRequest trunkInvite(SipRequest callerInvite, OutboundLeg leg, TransportKind kind, byte[] sdp) {
        SipRequest.Builder b = SipRequest.builder(SipMethod.INVITE, leg.requestUri())
            .addVia(stack.newVia(leg.path()))
            .maxForwards(callerInvite.maxForwards().orElse(70) - 1)
            .from(leg.from().withTag(newTag()))
            .to(leg.to())
            .callId(newCallId())
            .cseq(new CSeq(1, SipMethod.INVITE))
            .set(HeaderName.CONTACT, contact(kind))
            .set(HeaderName.ALLOW, ALLOW);
        if (sdp != null && sdp.length > 0) {
            b.body(sdp, callerInvite.contentType().orElse("application/sdp"));
        }
        return b.build();
    }

    /**
     * The INVITE toward an endpoint by its SIP URI (RouteDecision.RingUri): the Request-URI is that
     * URI; To is the number the caller dialled at the tenant's domain, as a PBX keeps it, so an agent
     * on several numbers knows which one was called (the URI itself when the caller's Request-URI has
     * no user part); From the caller's identity; our Contact on the endpoint's transport {@code kind}.
     */
    SipRequest uriInvite(SipRequest callerInvite, String tenantDomain, SipUri uri, TransportKind kind, SipPath path,
                         byte[] sdp) {
        SipRequest.Builder b = SipRequest.builder(SipMethod.INVITE, uri)
            .addVia(stack.newVia(path))
            .maxForwards(callerInvite.maxForwards().orElse(70) - 1)
            .from(callerInvite.from().withTag(newTag()))
            .to(NameAddress.of(dialled(callerInvite, tenantDomain).orElse(uri)))
            .callId(newCallId())
            .cseq(new CSeq(1, SipMethod.INVITE))
            .set(HeaderName.CONTACT, contact(kind))
            .set(HeaderName.ALLOW, ALLOW);
        if (sdp != null && sdp.length > 0) {
            b.body(sdp, callerInvite.contentType().orElse("application/sdp"));
        }
        return b.build();
    }

    /** The caller's Request-URI user at {@code tenantDomain}: whom the caller dialled, as the tenant names it. */
    static java.util.Optional<SipUri> dialled(SipRequest callerInvite, String tenantDomain) {
        return callerInvite.requestUri() instanceof SipUri ruri
            ? ruri.userDecoded().filter(u -> !u.isEmpty()).map(u -> SipUri.builder(tenantDomain).userUnescaped(u).build())
            : java.util.Optional.empty();
    }

    /** RFC 3261 §9.1: CANCEL for a sent INVITE — same Request-URI, Call-ID, From, To, CSeq number and top Via. */
    static SipRequest cancelFor(SipRequest invite) {
        SipRequest.Builder b = SipRequest.builder(SipMethod.CANCEL, invite.requestUri())
            .addVia(invite.topVia())
            .maxForwards(70)
            .from(invite.from())
            .to(invite.to())
            .callId(invite.callId())
            .cseq(new CSeq(invite.cseq().number(), SipMethod.CANCEL));
        for (String route : invite.headers(HeaderName.ROUTE)) {
            b.add(HeaderName.ROUTE, route);
        }
        return b.build();
    }

    /** A response to the caller's INVITE on our side of its dialog. */
    SipResponse.Builder toCaller(SipRequest invite, int code, String callerTag, SipPath path) {
        SipResponse.Builder b = SipResponse.replyTo(invite, code).toTag(callerTag);
        if (code > 100 && code < 300) {
            b.set(HeaderName.CONTACT, contact(path));
        }
        return b;
    }

    /** Our Contact for a leg on {@code path}: where its in-dialog requests should come back. */
    NameAddress contact(SipPath path) {
        return contact(path instanceof Flow f ? f.kind() : TransportKind.UDP);
    }

    /** Our Contact on the listener of {@code kind} (the UDP one when there is none). */
    NameAddress contact(TransportKind kind) {
        return NameAddress.of(transport.contactUri(kind, "gw"));
    }
}
