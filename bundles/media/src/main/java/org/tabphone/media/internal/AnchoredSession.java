package org.tabphone.media.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.media.api.CallIdentity;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaException;
import org.tabphone.media.api.MediaSession;
import org.tabphone.media.api.MediaSessionInfo;
import org.tabphone.media.internal.dtls.DtlsRole;
import org.tabphone.sdp.api.Direction;
import org.tabphone.sdp.api.MediaDescription;
import org.tabphone.sdp.api.SessionDescription;
import org.tabphone.sdp.api.Setup;

/**
 * One call's media, anchored: the caller's leg from its offer, a leg per callee branch with the
 * offer shaped for what that callee speaks, and — when a branch answers — routes between the
 * two legs (pass-through when they share a codec, else transcoded through 8 kHz PCM: G.711, Opus).
 * This class keeps the session's legs and the call set-up; {@link LegNegotiation} writes and reads
 * SDP, {@link LegBridge} connects legs, {@link LegMoves} moves them in transfers, {@link Reoffers}
 * handles hold and resume, {@link RtpTimeout} watches for silence and {@link LegPorts} opens and
 * releases them. Control methods hold this object's lock; packets run on the session's event loop
 * (every leg is registered on it).
 */
final class AnchoredSession implements MediaSession {
    private static final Logger LOG = LoggerFactory.getLogger(AnchoredSession.class);

    final MediaContext ctx;
    private final String id;
    final String call;
    final CallIdentity identity;
    private final EventLoop loop;
    private final Runnable onClose;
    final LegPorts ports;
    final LegNegotiation negotiation;
    final LegBridge bridge;
    final LegMoves moves;
    private final Reoffers reoffers;
    final RtpTimeout timeout;

    // the legs and where the call stands, guarded by this object's lock
    /** The leg the call is anchored on: the caller's, or after a caller's transfer the callee that stayed. */
    Leg caller;
    private SessionDescription callerOffer;
    private int callerAudio;
    private List<Format> callerFormats;
    final Map<String, Leg> branches = new LinkedHashMap<>();
    /** The callee leg the caller's media currently goes to (an early-media branch, then the winner). */
    Leg callee;
    boolean selected;
    boolean closed;

    AnchoredSession(MediaContext ctx, String id, CallIdentity identity, SessionDescription offer,
                    InetSocketAddress callerPeer, Runnable onClose) throws MediaException {
        this(ctx, id, identity, offer, callerPeer, onClose, ctx.loops().next());
    }

    /** On {@code loop}: the media thread of a session this one may be joined with later (attended transfer). */
    AnchoredSession(MediaContext ctx, String id, CallIdentity identity, SessionDescription offer,
                    InetSocketAddress callerPeer, Runnable onClose, EventLoop loop) throws MediaException {
        this.ctx = ctx;
        this.id = id;
        this.identity = identity;
        this.call = identity.call();
        this.loop = loop;
        this.onClose = onClose;
        this.ports = new LegPorts(ctx, id, loop);
        this.negotiation = new LegNegotiation(ctx, ports);
        this.bridge = new LegBridge(this);
        this.moves = new LegMoves(this);
        this.reoffers = new Reoffers(this);
        this.timeout = new RtpTimeout(this);
        int audio = SdpShaper.audioIndex(offer).orElseThrow(() -> new MediaException(488, "no audio stream offered"));
        MediaDescription m = offer.media().get(audio);
        List<Format> formats = SdpShaper.formats(m);
        if (formats.stream().allMatch(Format::isAuxiliary)) {
            throw new MediaException(488, "no audio codec offered");
        }
        this.caller = ports.open("caller", SdpShaper.kindOf(m), callerPeer);
        this.callerOffer = offer;
        this.callerAudio = audio;
        this.callerFormats = formats;
        caller.remoteSdp = offer;
        negotiation.takeRemote(caller, offer, m);
        if (caller.kind == EndpointKind.WEBRTC) {
            // answering: passive (DTLS server) unless the browser insists on being passive itself
            caller.setup = m.setup().orElse(Setup.ACTPASS) == Setup.PASSIVE ? "active" : "passive";
        }
    }

    @Override
    public String id() {
        return id;
    }

    /** The media thread every leg of this session is registered on. */
    EventLoop loop() {
        return loop;
    }

    @Override
    public synchronized SessionDescription offerTo(String branch, EndpointKind kind, InetSocketAddress calleePeer)
        throws MediaException {
        checkOpen();
        return negotiation.offer(branches, branch, kind, calleePeer, callerBase(),
            callerOffer.media().get(callerAudio).direction());
    }

    @Override
    public synchronized SessionDescription answerFrom(String branch, SessionDescription answer) throws MediaException {
        checkOpen();
        Leg leg = branches.get(branch);
        if (leg == null) {
            throw new MediaException(500, "no media offered to branch " + branch);
        }
        if (answer.equals(leg.remoteSdp) && callee == leg && caller.localSdp != null) {
            return caller.localSdp; // the 200 repeats the 183's SDP, or a retransmission: nothing changes
        }
        MediaDescription m = LegNegotiation.audioOf(answer, "callee accepted no audio");
        CodecPlan.Bridge b = negotiation.takeAnswer(leg, answer, m, callerBase(),
            "callee answered with a codec the caller can't get");
        bridge.connect(leg, b);
        callee = leg;
        List<Format> toCaller = LegNegotiation.formatsOf(b.offererSide(), b.offererDtmf());
        Direction direction = LegNegotiation.offeredDirection(answer, m);
        if (caller.localSdp == null || !toCaller.equals(caller.localFormats)
            || caller.localSdp.media().get(callerAudio).direction() != direction) {
            caller.localFormats = toCaller;
            caller.localSdp = negotiation.write(caller, direction, callerOffer, callerAudio);
        }
        if (caller.kind == EndpointKind.WEBRTC) {
            caller.dtls.negotiated("active".equals(caller.setup) ? DtlsRole.CLIENT : DtlsRole.SERVER,
                LegNegotiation.fingerprints(callerOffer.media().get(callerAudio)));
        }
        return caller.localSdp;
    }

    /**
     * What the caller can take: its offer's formats while the call is set up; once connected (a
     * transfer's new callee) the formats agreed with it, so the caller's SDP need not change.
     */
    private List<Format> callerBase() {
        return selected ? caller.localFormats : callerFormats;
    }

    /** A transfer made {@code stays}, our callee or another session's party, the leg the call is anchored on. */
    void anchorOn(Leg stays) {
        stays.role = "caller";
        caller = stays;
        callerOffer = stays.remoteSdp;
        callerAudio = SdpShaper.audioIndex(callerOffer).orElse(0);
        callerFormats = stays.localFormats;
    }

    @Override
    public synchronized void select(String branch) {
        Leg winner = branches.get(branch);
        if (winner == null || closed) {
            return;
        }
        selected = true;
        timeout.restart();
        if (callee != winner) {
            callee = winner; // no answer SDP seen from it: leave routes as they are
        }
        for (var it = branches.entrySet().iterator(); it.hasNext();) {
            Leg leg = it.next().getValue();
            if (leg != winner) {
                ports.release(leg);
                it.remove();
            }
        }
    }

    // --- a caller's transfer (blind or attended by the caller): a target replaces the caller ---

    @Override
    public synchronized SessionDescription offerToReplaceCaller(String branch, EndpointKind kind, InetSocketAddress peer)
        throws MediaException {
        checkOpen();
        return moves.offerToReplaceCaller(branch, kind, peer);
    }

    @Override
    public synchronized void answerToReplaceCaller(String branch, SessionDescription answer) throws MediaException {
        checkOpen();
        moves.answerToReplaceCaller(branch, answer);
    }

    @Override
    public synchronized void replaceCaller(String branch) {
        moves.replaceCaller(branch);
    }

    @Override
    public synchronized void dropTransferTargets() {
        moves.dropTransferTargets();
    }

    // --- attended transfer: joining a party of another session (0.6.0, any party since 0.7.0) ---

    /**
     * Both sessions' locks, in id order so two joins crossing each other can't deadlock. The
     * joined leg stays on its channel and loop: the sessions must share the loop (MediaComponent
     * opens the sessions of the same person on one), so its packet path stays confined to one thread.
     */
    @Override
    public void joinPartyOf(Party stays, MediaSession other, Party joins, String branch) throws MediaException {
        if (!(other instanceof AnchoredSession from) || from == this || from.ctx.ports() != ctx.ports()) {
            throw new MediaException(488, "not another session of this media service");
        }
        if (from.loop != loop) {
            throw new MediaException(488, "the two calls' media run on different threads");
        }
        AnchoredSession first = id.compareTo(from.id) < 0 ? this : from;
        AnchoredSession second = first == this ? from : this;
        synchronized (first) {
            synchronized (second) {
                checkOpen();
                from.checkOpen();
                moves.join(stays, from, joins, branch);
            }
        }
    }

    @Override
    public synchronized SessionDescription resumeOffer(boolean toCaller) throws MediaException {
        checkOpen();
        return reoffers.resumeOffer(toCaller);
    }

    @Override
    public synchronized void resumeAnswer(boolean toCaller, SessionDescription answer) throws MediaException {
        checkOpen();
        reoffers.resumeAnswer(toCaller, answer);
    }

    // --- re-offers in the dialog: hold, resume, ICE restart ---

    @Override
    public synchronized SessionDescription reoffer(boolean fromCaller, SessionDescription offer) throws MediaException {
        checkOpen();
        return reoffers.reoffer(fromCaller, offer);
    }

    @Override
    public synchronized SessionDescription reanswer(boolean fromCaller, SessionDescription answer) throws MediaException {
        checkOpen();
        return reoffers.reanswer(fromCaller, answer);
    }

    private void checkOpen() throws MediaException {
        if (closed) {
            throw new MediaException(500, "media session closed");
        }
    }

    @Override
    public void onTimeout(Consumer<String> listener) {
        timeout.listener(listener);
    }

    /** The sweeper's check (every second): see {@link RtpTimeout}. */
    void checkTimeout(long now) {
        timeout.check(now);
    }

    @Override
    public synchronized MediaSessionInfo info() {
        List<MediaSessionInfo.LegInfo> legs = new ArrayList<>();
        legs.add(caller.info());
        branches.values().forEach(l -> legs.add(l.info()));
        moves.targets.values().forEach(l -> legs.add(l.info()));
        return new MediaSessionInfo(id, call, legs);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            bridge.closeTap(); // the tap thread finishes the sinks (files) off this thread
            ports.release(caller);
            branches.values().forEach(ports::release);
            branches.clear();
            moves.dropTransferTargets();
        }
        onClose.run();
        LOG.debug("media {} of call {} closed", id, call);
    }
}
