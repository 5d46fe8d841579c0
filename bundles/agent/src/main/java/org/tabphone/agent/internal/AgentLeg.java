package org.tabphone.agent.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.agent.api.AgentCall;
import org.tabphone.agent.api.AgentSession;
import org.tabphone.agent.api.Agents;
import org.tabphone.agent.api.TransferOutcome;
import org.tabphone.agent.api.VoiceAgent;
import org.tabphone.sdp.api.SdpParseException;
import org.tabphone.sdp.api.SessionDescription;
import org.tabphone.sip.api.SipMethod;
import org.tabphone.sip.api.SipRequest;
import org.tabphone.sip.api.SipResponse;
import org.tabphone.sip.api.dialog.Dialog;
import org.tabphone.sip.api.header.HeaderName;
import org.tabphone.sip.api.header.NameAddress;
import org.tabphone.sip.api.transaction.ClientTransaction;
import org.tabphone.sip.api.transaction.ClientTransactionListener;
import org.tabphone.sip.api.transaction.ServerTransaction;
import org.tabphone.sip.api.transaction.SipPath;
import org.tabphone.sip.api.uri.SipUri;

/**
 * One call answered by an agent: the UAS side of its dialog (RFC 3261 §12), its RTP, and the
 * REFER (RFC 3515) that hands the caller on. Lives on the user agent's signalling thread; the
 * {@link AgentCall} methods hop onto it.
 */
final class AgentLeg implements AgentCall {
    private static final Logger LOG = LoggerFactory.getLogger(AgentLeg.class);
    private static final AgentSession NOBODY = new AgentSession() {
    };

    private final AgentUserAgent ua;
    private final AgentDefinition definition;
    private final String domain;
    private final SipRequest invite;
    private final SipPath path;
    private final AgentRtp rtp;
    private final byte[] answerSdp;
    private final Instant answered = Instant.now();
    private Dialog dialog;
    private AgentSession session = NOBODY;
    private CompletableFuture<TransferOutcome> transfer;
    private String transferTarget = "";
    private boolean transferred;
    private boolean ended;

    AgentLeg(AgentUserAgent ua, AgentDefinition definition, String domain, SipRequest invite, SipPath path,
             AgentRtp rtp, AgentSdp.Choice choice) {
        this.ua = ua;
        this.definition = definition;
        this.domain = domain;
        this.invite = invite;
        this.path = path;
        this.rtp = rtp;
        this.answerSdp = AgentSdp.answer(choice, rtp.local(), ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    }

    /** 200 OK with our SDP, then the agent takes the call. */
    void answer(ServerTransaction tx, VoiceAgent agent) {
        SipResponse ok = SipResponse.uasReplyTo(invite, 200)
            .set(HeaderName.CONTACT, contact())
            .set(HeaderName.ALLOW, AgentUserAgent.ALLOW)
            .body(answerSdp, "application/sdp")
            .build();
        dialog = Dialog.asUas(invite, ok);
        tx.respond(ok);
        LOG.info("agent {} answered call {} from {} to {}", definition.name(), invite.callId(), caller(), number());
        try {
            AgentSession s = agent.answer(this);
            session = s == null ? NOBODY : s;
        } catch (RuntimeException e) {
            LOG.warn("agent {}: answer failed on call {}; hanging up", definition.name(), invite.callId(), e);
            hangup();
            return;
        }
        rtp.listen(session);
    }

    String callId() {
        return invite.callId();
    }

    AgentRtp rtp() {
        return rtp;
    }

    boolean owns(SipRequest r) {
        return dialog != null && r.to().tag().map(t -> t.equals(dialog.id().localTag())).orElse(false);
    }

    Agents.AgentCallInfo info() {
        return new Agents.AgentCallInfo(definition.name(), definition.tenant(), number(), caller(), invite.callId(), answered,
            transfer != null ? "to " + transferTarget : "", rtp.packetsIn(), rtp.packetsOut());
    }

    void onAck() {
        if (dialog != null) {
            dialog.confirmAsUas();
        }
    }

    /** An in-dialog request from the gateway. */
    void onRequest(ServerTransaction tx) {
        SipRequest r = tx.request();
        if (!dialog.acceptRemote(r)) {
            tx.respond(SipResponse.replyTo(r, 500).reasonPhrase("CSeq out of order").build());
            return;
        }
        SipMethod m = r.method();
        if (m.equals(SipMethod.BYE)) {
            tx.respond(SipResponse.replyTo(r, 200).build());
            end(transferred ? "transferred" : "caller");
        } else if (m.equals(SipMethod.INVITE) || m.equals(SipMethod.UPDATE)) {
            reoffer(r);
            tx.respond(SipResponse.replyTo(r, 200).set(HeaderName.CONTACT, contact())
                .body(answerSdp, "application/sdp").build());
        } else if (m.equals(SipMethod.NOTIFY)) {
            tx.respond(SipResponse.replyTo(r, 200).build());
            onTransferProgress(r);
        } else if (m.equals(SipMethod.INFO)) {
            tx.respond(SipResponse.replyTo(r, 200).build());
            char digit = InfoDtmf.digit(r);
            if (digit != 0) {
                AgentSession s = session;
                ua.clock().execute(() -> s.onDtmf(digit));
            }
        } else {
            tx.respond(SipResponse.replyTo(r, 405).set(HeaderName.ALLOW, AgentUserAgent.ALLOW).build());
        }
    }

    /** Hold, unhold or a moved media address: we keep our answer and follow the gateway's port. */
    private void reoffer(SipRequest r) {
        if (r.bodyLength() == 0) {
            return;
        }
        try {
            AgentSdp.choose(SessionDescription.parse(r.body()), enc -> true).map(AgentSdp.Choice::remote)
                .ifPresent(rtp::remote);
        } catch (SdpParseException e) {
            LOG.debug("agent call {}: unreadable re-offer: {}", invite.callId(), e.getMessage());
        }
    }

    // ---- AgentCall ----

    @Override
    public String id() {
        return invite.callId();
    }

    @Override
    public String tenant() {
        return definition.tenant();
    }

    @Override
    public String number() {
        String to = dialled();
        // To is our own URI when the B2BUA does not keep the dialled number there
        return definition.numbers().contains(to) ? to : definition.numbers().get(0);
    }

    @Override
    public String dialled() {
        return invite.to().uri() instanceof SipUri u ? u.userDecoded().orElse("") : "";
    }

    @Override
    public String caller() {
        return invite.from().uri() instanceof SipUri u ? u.userDecoded().orElse("anonymous") : "anonymous";
    }

    @Override
    public String callerName() {
        return invite.from().displayName().orElse("");
    }

    @Override
    public Map<String, String> settings() {
        return definition.settings();
    }

    @Override
    public void play(short[] pcm) {
        rtp.play(pcm);
    }

    @Override
    public void stopPlaying() {
        rtp.stopPlaying();
    }

    @Override
    public boolean playing() {
        return rtp.playing();
    }

    @Override
    public CompletionStage<TransferOutcome> transfer(String target) {
        CompletableFuture<TransferOutcome> outcome = new CompletableFuture<>();
        ua.execute(() -> refer(target, outcome));
        return outcome;
    }

    @Override
    public void hangup() {
        ua.execute(this::bye);
    }

    /** BYE and the end of the leg, on the signalling thread (also when the user agent shuts down). */
    void bye() {
        if (ended || dialog == null) {
            return;
        }
        SipRequest bye = dialog.newRequest(SipMethod.BYE).addVia(ua.newVia()).build();
        ua.send(bye, path, ClientTransactionListener.IGNORE);
        end("agent");
    }

    // ---- transfer (RFC 3515) ----

    private void refer(String target, CompletableFuture<TransferOutcome> outcome) {
        if (ended) {
            outcome.complete(new TransferOutcome(481, "The call is over"));
            return;
        }
        if (transfer != null) {
            outcome.complete(new TransferOutcome(491, "A transfer is in progress"));
            return;
        }
        transfer = outcome;
        transferTarget = target;
        SipRequest refer = dialog.newRequest(SipMethod.REFER).addVia(ua.newVia())
            .set(HeaderName.CONTACT, contact())
            .set(HeaderName.REFER_TO, referTo(target))
            .set(HeaderName.REFERRED_BY, NameAddress.of(ua.uriOf(definition.name())))
            .build();
        LOG.info("agent {} transfers call {} to {}", definition.name(), invite.callId(), target);
        ua.send(refer, path, new ClientTransactionListener() {
            @Override
            public void onResponse(ClientTransaction t, SipResponse r) {
                if (r.statusCode() >= 300) {
                    finishTransfer(new TransferOutcome(r.statusCode(), r.reasonPhrase()));
                } // 202: the outcome comes in NOTIFYs
            }

            @Override
            public void onTimeout(ClientTransaction t) {
                finishTransfer(new TransferOutcome(408, "The gateway did not answer the REFER"));
            }

            @Override
            public void onTransportError(ClientTransaction t, Throwable cause) {
                finishTransfer(new TransferOutcome(503, "REFER not sent: " + cause.getMessage()));
            }
        });
    }

    /**
     * A user name, extension or display name becomes {@code sip:<it>@<tenant domain>}, which the
     * gateway resolves among the tenant's users; a URI is sent as it is.
     */
    private String referTo(String target) {
        String t = target.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        SipUri uri = lower.startsWith("sip:") || lower.startsWith("sips:")
            ? SipUri.parse(t) : SipUri.builder(domain).userUnescaped(t).build();
        return "<" + uri + ">"; // name-addr form: a URI with parameters would otherwise lose them to the header
    }

    /** NOTIFY with a message/sipfrag body (RFC 3515 §2.4.5): the status line of the target's INVITE. */
    private void onTransferProgress(SipRequest notify) {
        String frag = new String(notify.body(), StandardCharsets.UTF_8);
        int status = Sipfrag.status(frag);
        if (transfer == null || status < 200) {
            return;
        }
        finishTransfer(new TransferOutcome(status, Sipfrag.reason(frag)));
    }

    private void finishTransfer(TransferOutcome outcome) {
        CompletableFuture<TransferOutcome> f = transfer;
        if (f == null) {
            return;
        }
        transfer = null;
        LOG.info("agent {}: transfer of call {} to {}: {} {}", definition.name(), invite.callId(), transferTarget,
            outcome.status(), outcome.reason());
        f.complete(outcome); // before end(): the agent hears the outcome, then the end (the stream bridge sends them in that order)
        if (outcome.succeeded()) {
            transferred = true;
            // RFC 5589 §6: the transferor ends its dialog once the transfer succeeded
            SipRequest bye = dialog.newRequest(SipMethod.BYE).addVia(ua.newVia()).build();
            ua.send(bye, path, ClientTransactionListener.IGNORE);
            end("transferred");
        }
    }

    private void end(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        dialog.terminate();
        ua.ended(this);
        rtp.close();
        if (transfer != null) {
            finishTransfer(new TransferOutcome(487, "The call ended"));
        }
        LOG.info("agent {}: call {} ended ({})", definition.name(), invite.callId(), reason);
        AgentSession s = session;
        ua.clock().execute(() -> s.onEnd(reason));
    }

    private NameAddress contact() {
        return NameAddress.of(ua.uriOf(definition.name()));
    }
}
