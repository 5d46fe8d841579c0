package org.tabphone.media.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tabphone.media.api.CallIdentity;
import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaException;
import org.tabphone.media.api.MediaSession;
import org.tabphone.media.api.MediaSessionInfo;
import org.tabphone.media.api.TapSide;
import org.tabphone.media.internal.dtls.DtlsFingerprint;
import org.tabphone.media.internal.dtls.DtlsRole;
import org.tabphone.media.internal.tap.SessionTap;
import org.tabphone.sdp.api.Direction;
import org.tabphone.sdp.api.Fingerprint;
import org.tabphone.sdp.api.MediaDescription;
import org.tabphone.sdp.api.SessionDescription;
import org.tabphone.sdp.api.Setup;

/**
 * One call's media, anchored: the caller's leg from its offer, a leg per callee branch with the
 * offer shaped for what that callee speaks, and — when a branch answers — routes between the
 * two legs (pass-through when they share a codec, else transcoded through 8 kHz PCM: G.711, Opus). Control methods hold
 * this object's lock; packets run on the session's event loop (both legs are registered on it).
 */
final class AnchoredSession implements MediaSession {
    private static final Logger LOG = LoggerFactory.getLogger(AnchoredSession.class);

    private final MediaContext ctx;
    private final String id;
    private final String call;
    private final CallIdentity identity;
    /** The call's tap, offered to the taps when media first connects; null when none took it. */
    private SessionTap tap;
    private boolean tapOffered;
    private final EventLoop loop;
    private final Runnable onClose;
    /** The leg the call is anchored on: the caller's, or after a caller's transfer the callee that stayed. */
    private Leg caller;
    private SessionDescription callerOffer;
    private int callerAudio;
    private List<Format> callerFormats;
    private final Map<String, Leg> branches = new LinkedHashMap<>();
    /** A caller's transfer: targets offered from the callee's side, until one replaces the caller. */
    private final Map<String, Leg> targets = new LinkedHashMap<>();
    /** The callee leg the caller's media currently goes to (an early-media branch, then the winner). */
    private Leg callee;
    private boolean selected;
    private boolean closed;
    /** RTP timeout: when the countdown started (select, or the end of a hold), and whether it fired. */
    private long quietSince;
    private boolean held;
    private boolean timedOut;
    private volatile java.util.function.Consumer<String> timeoutListener;
    /** The re-offer waiting for the other leg's answer. */
    private SessionDescription pendingReoffer;
    private int pendingReofferAudio;

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
        int audio = SdpShaper.audioIndex(offer).orElseThrow(() -> new MediaException(488, "no audio stream offered"));
        MediaDescription m = offer.media().get(audio);
        List<Format> formats = SdpShaper.formats(m);
        if (formats.stream().allMatch(Format::isAuxiliary)) {
            throw new MediaException(488, "no audio codec offered");
        }
        this.caller = newLeg("caller", SdpShaper.kindOf(m), callerPeer);
        this.callerOffer = offer;
        this.callerAudio = audio;
        this.callerFormats = formats;
        caller.remoteSdp = offer;
        takeRemote(caller, offer, m);
        if (caller.kind == EndpointKind.WEBRTC) {
            // answering: passive (DTLS server) unless the browser insists on being passive itself
            caller.setup = m.setup().orElse(Setup.ACTPASS) == Setup.PASSIVE ? "active" : "passive";
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized SessionDescription offerTo(String branch, EndpointKind kind, InetSocketAddress calleePeer)
        throws MediaException {
        checkOpen();
        return offer(branches, branch, kind, calleePeer, callerBase(), callerOffer.media().get(callerAudio).direction());
    }

    /**
     * The offer to {@code branch}, a new leg kept in {@code legs} (again: the same offer): formats
     * from {@code base}, our DTLS role left open (actpass).
     */
    private SessionDescription offer(Map<String, Leg> legs, String branch, EndpointKind kind, InetSocketAddress peer,
                                     List<Format> base, Direction direction) throws MediaException {
        Leg existing = legs.get(branch);
        if (existing != null) {
            return existing.localSdp;
        }
        Leg leg = newLeg("callee:" + branch, kind, peer);
        leg.localFormats = CodecPlan.offerFor(kind, base, this::transcodable);
        leg.setup = "actpass";
        legs.put(branch, leg);
        leg.localSdp = write(leg, direction, null, 0);
        return leg.localSdp;
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
        MediaDescription m = audioOf(answer, "callee accepted no audio");
        CodecPlan.Bridge bridge = takeAnswer(leg, answer, m, callerBase(), "callee answered with a codec the caller can't get");
        connect(leg, bridge);
        callee = leg;
        List<Format> toCaller = formatsOf(bridge.offererSide(), bridge.offererDtmf());
        Direction direction = offeredDirection(answer, m);
        if (caller.localSdp == null || !toCaller.equals(caller.localFormats)
            || caller.localSdp.media().get(callerAudio).direction() != direction) {
            caller.localFormats = toCaller;
            caller.localSdp = write(caller, direction, callerOffer, callerAudio);
        }
        if (caller.kind == EndpointKind.WEBRTC) {
            caller.dtls.negotiated("active".equals(caller.setup) ? DtlsRole.CLIENT : DtlsRole.SERVER,
                fingerprints(callerOffer.media().get(callerAudio)));
        }
        return caller.localSdp;
    }

    private static MediaDescription audioOf(SessionDescription sdp, String missing) throws MediaException {
        return sdp.media().get(SdpShaper.audioIndex(sdp).orElseThrow(() -> new MediaException(488, missing)));
    }

    /**
     * Takes in a leg's answer {@code m} to our offer: its address and direction, its DTLS role, and
     * the formats we now send it. Returns how it bridges to {@code base} (the other side's formats).
     */
    private CodecPlan.Bridge takeAnswer(Leg leg, SessionDescription answer, MediaDescription m, List<Format> base,
                                        String noCommonCodec) throws MediaException {
        CodecPlan.Bridge bridge = CodecPlan.bridge(base, SdpShaper.formats(m), this::transcodable)
            .orElseThrow(() -> new MediaException(488, noCommonCodec));
        leg.remoteSdp = answer;
        takeRemote(leg, answer, m);
        if (leg.kind == EndpointKind.WEBRTC) {
            // the browser answered our actpass: active makes us the DTLS server, passive the client
            DtlsRole role = m.setup().orElse(Setup.ACTIVE) == Setup.PASSIVE ? DtlsRole.CLIENT : DtlsRole.SERVER;
            leg.setup = role.setupAttributeValue();
            leg.dtls.negotiated(role, fingerprints(m));
        }
        leg.localFormats = formatsOf(bridge.answererSide(), bridge.answererDtmf());
        return bridge;
    }

    /**
     * What the caller can take: its offer's formats while the call is set up; once connected (a
     * transfer's new callee) the formats agreed with it, so the caller's SDP need not change.
     */
    private List<Format> callerBase() {
        return selected ? caller.localFormats : callerFormats;
    }

    /**
     * Whether the gateway can transcode {@code f}: G.711 always (a codec bundle being updated
     * mid-call comes back), anything else when its codec service is installed (Opus).
     */
    private boolean transcodable(Format f) {
        return f.isG711() || ctx.codecs().transcodable(f);
    }

    /** Routes both ways between the caller and {@code leg}. */
    private void connect(Leg leg, CodecPlan.Bridge b) {
        Route toCallee = new Route(leg, b.offererSide(), b.offererDtmf(), b.answererSide(), b.answererDtmf(),
            b.transcode(), ctx.codecs());
        Route toCaller = new Route(caller, b.answererSide(), b.answererDtmf(), b.offererSide(), b.offererDtmf(),
            b.transcode(), ctx.codecs());
        leg.format = b.answererSide();
        caller.format = b.offererSide();
        leg.transcoding = b.transcode();
        caller.transcoding = b.transcode();
        caller.route = toCallee;
        leg.route = toCaller;
        if (callee != null && callee != leg) {
            callee.route = null; // the earlier early-media branch no longer feeds the caller
        }
        tap(leg);
        // both legs now carry a stream the gateway sources: each gets the gateway's own reports
        caller.reporter.start();
        leg.reporter.start();
    }

    /**
     * Media connects: the taps are offered the call (once), and the connected legs feed its tap. A
     * party keeps its side for the whole call; a leg joining takes the side its peer doesn't have —
     * a caller's transfer target the caller's side, though the callee that stays is now our anchor.
     */
    private void tap(Leg calleeLeg) {
        if (!tapOffered) {
            tapOffered = true;
            tap = ctx.taps().attach(identity);
        }
        if (tap != null) {
            TapSide anchor = caller.tapSide != null ? caller.tapSide : TapSide.CALLER;
            feedTap(caller, anchor);
            feedTap(calleeLeg, anchor == TapSide.CALLER ? TapSide.CALLEE : TapSide.CALLER);
        }
    }

    /** The side before the tap: the packet path reads tap, then tapSide. */
    private void feedTap(Leg leg, TapSide side) {
        leg.tapSide = side;
        leg.tap = tap;
    }

    @Override
    public synchronized void select(String branch) {
        Leg winner = branches.get(branch);
        if (winner == null || closed) {
            return;
        }
        selected = true;
        quietSince = System.nanoTime();
        if (callee != winner) {
            callee = winner; // no answer SDP seen from it: leave routes as they are
        }
        for (var it = branches.entrySet().iterator(); it.hasNext();) {
            Leg leg = it.next().getValue();
            if (leg != winner) {
                release(leg);
                it.remove();
            }
        }
    }

    @Override
    public synchronized SessionDescription offerToReplaceCaller(String branch, EndpointKind kind, InetSocketAddress peer)
        throws MediaException {
        checkOpen();
        if (!selected || callee == null || callee.localFormats.isEmpty()) {
            throw new MediaException(491, "call not connected yet");
        }
        SessionDescription calleeSdp = callee.remoteSdp;
        Direction direction = calleeSdp.media().get(SdpShaper.audioIndex(calleeSdp).orElse(0)).direction();
        // from what the callee already gets: its SDP stays
        return offer(targets, branch, kind, peer, callee.localFormats, direction);
    }

    @Override
    public synchronized void answerToReplaceCaller(String branch, SessionDescription answer) throws MediaException {
        checkOpen();
        Leg leg = targets.get(branch);
        if (leg == null || callee == null) {
            throw new MediaException(500, "no media offered to transfer target " + branch);
        }
        MediaDescription m = audioOf(answer, "transfer target accepted no audio");
        leg.pendingBridge = takeAnswer(leg, answer, m, callee.localFormats,
            "transfer target answered with a codec the callee can't get");
    }

    /**
     * The target that answered replaces the caller: the callee's leg becomes the one the session is
     * anchored on — same ports, ICE and DTLS association, so a browser callee needs no new SDP — and
     * is bridged to the target; the caller's leg and the other targets are released.
     */
    @Override
    public synchronized void replaceCaller(String branch) {
        Leg target = targets.remove(branch);
        if (target == null || closed || callee == null || target.pendingBridge == null) {
            if (target != null) {
                release(target);
            }
            return;
        }
        CodecPlan.Bridge bridge = target.pendingBridge;
        target.pendingBridge = null;
        staysWith(callee, target, bridge, branch); // our callee stays and becomes the caller
    }

    /**
     * {@code stays} — our caller or our callee — keeps its leg and is (or becomes) the caller;
     * {@code newCallee} takes the other leg's place, bridged to it ({@code bridge}: the staying
     * leg's formats as the offerer's). The leg that goes, the other branches and any transfer
     * targets are released, after the new routes are in place (packets never meet a closed leg).
     */
    private void staysWith(Leg stays, Leg newCallee, CodecPlan.Bridge bridge, String branch) {
        dropTransferTargets();
        Leg old = stays == caller ? callee : caller;
        List<Leg> gone = new ArrayList<>(branches.values());
        gone.remove(stays);
        if (old != null && !gone.contains(old)) {
            gone.add(old);
        }
        branches.clear();
        if (stays != caller) {
            stays.role = "caller";
            caller = stays;
            callerOffer = stays.remoteSdp;
            callerAudio = SdpShaper.audioIndex(callerOffer).orElse(0);
            callerFormats = stays.localFormats;
        }
        if (old != null) {
            old.route = null;
        }
        callee = null;
        connect(newCallee, bridge);
        callee = newCallee;
        branches.put(branch, newCallee);
        quietSince = System.nanoTime();
        gone.forEach(this::release);
    }

    @Override
    public synchronized void dropTransferTargets() {
        targets.values().forEach(this::release);
        targets.clear();
    }

    // --- attended transfer: joining a party of another session (0.6.0, any party since 0.7.0) ---

    /** The media thread every leg of this session is registered on. */
    EventLoop loop() {
        return loop;
    }

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
                join(stays, from, joins, branch);
            }
        }
    }

    /** Holding both locks: {@code from}'s {@code joins} leg replaces our other one, our {@code stays} leg is the caller. */
    private void join(Party stays, AnchoredSession from, Party joins, String branch) throws MediaException {
        checkOpen();
        from.checkOpen();
        if (!selected || callee == null || !from.selected || from.callee == null) {
            throw new MediaException(491, "call not connected yet");
        }
        Leg staying = stays == Party.CALLER ? caller : callee;
        Leg joining = joins == Party.CALLER ? from.caller : from.callee;
        CodecPlan.Bridge bridge = CodecPlan.bridge(staying.localFormats, joining.localFormats, this::transcodable)
            .orElseThrow(() -> new MediaException(488, "the two calls' codecs don't bridge"));
        from.giveAway(joining);
        joining.role = "callee:" + branch;
        staysWith(staying, joining, bridge, branch);
        LOG.debug("media {}: our {} joined by the {} of {} as {}", id, stays, joins, from.id, joining.role);
    }

    /**
     * Holding our lock: {@code leg}, our caller's or callee's, now belongs to another session; we
     * keep only the other one, as the caller's (it goes when we are closed).
     */
    private void giveAway(Leg leg) {
        Leg keeps = leg == caller ? callee : caller;
        branches.values().removeIf(l -> l == leg || l == keeps);
        if (keeps != caller) {
            keeps.role = "caller";
            caller = keeps;
        }
        callee = null;
        keeps.route = null;
        leg.route = null;
        leg.tap = null; // our tap records our call; the joining session's tap takes the leg if it has one
        leg.tapSide = null;
    }

    @Override
    public synchronized SessionDescription resumeOffer(boolean toCaller) throws MediaException {
        checkOpen();
        Leg to = toCaller ? caller : callee;
        if (to == null || to.localSdp == null) {
            return null;
        }
        SessionDescription last = to.localSdp;
        if (last.media().get(SdpShaper.audioIndex(last).orElse(0)).direction() == Direction.SENDRECV) {
            return null;
        }
        to.localSdp = write(to, Direction.SENDRECV, null, 0); // an offer: our a=setup stays the role we have
        return to.localSdp;
    }

    @Override
    public synchronized void resumeAnswer(boolean toCaller, SessionDescription answer) throws MediaException {
        checkOpen();
        Leg to = toCaller ? caller : callee;
        if (to == null) {
            throw new MediaException(500, "no such leg");
        }
        MediaDescription m = audioOf(answer, "the resumed leg accepted no audio");
        to.remoteSdp = answer;
        takeRemote(to, answer, m);
    }

    // --- end of attended transfer ---

    @Override
    public synchronized SessionDescription reoffer(boolean fromCaller, SessionDescription offer) throws MediaException {
        checkOpen();
        Leg from = fromCaller ? caller : callee;
        Leg to = fromCaller ? callee : caller;
        if (from == null || to == null || !selected && !fromCaller) {
            throw new MediaException(491, "call not connected yet");
        }
        int audio = SdpShaper.audioIndex(offer).orElseThrow(() -> new MediaException(488, "no audio stream in the re-offer"));
        MediaDescription m = offer.media().get(audio);
        if (from.kind == EndpointKind.WEBRTC) {
            MediaDescription before = from.remoteSdp.media().get(SdpShaper.audioIndex(from.remoteSdp).orElse(0));
            if (!m.iceUfrag().equals(before.iceUfrag())) {
                restartIce(from); // ICE restart: new credentials our side too (RFC 8445 §9)
            }
        }
        from.remoteSdp = offer;
        takeRemote(from, offer, m);
        Direction direction = offeredDirection(offer, m);
        pendingReoffer = offer;
        pendingReofferAudio = audio;
        // toward a browser our a=setup stays the role we have, so the DTLS association is kept (RFC 8829 §5.2.2)
        to.localSdp = write(to, direction, null, 0);
        return to.localSdp;
    }

    /**
     * The direction an endpoint asks for, RFC 2543 style included: {@code c=0.0.0.0} (RFC 3264
     * §8.4) means "send me nothing", so a sendrecv stream is sendonly and a recvonly one inactive.
     */
    private static Direction offeredDirection(SessionDescription sdp, MediaDescription m) {
        Direction d = m.direction();
        if (!m.isHold(sdp.connection().orElse(null)) || !d.receives()) {
            return d;
        }
        return d.sends() ? Direction.SENDONLY : Direction.INACTIVE;
    }

    @Override
    public synchronized SessionDescription reanswer(boolean fromCaller, SessionDescription answer) throws MediaException {
        checkOpen();
        Leg offerer = fromCaller ? caller : callee;
        Leg answerer = fromCaller ? callee : caller;
        if (pendingReoffer == null || offerer == null || answerer == null) {
            throw new MediaException(500, "no re-offer pending");
        }
        int audio = SdpShaper.audioIndex(answer).orElseThrow(() -> new MediaException(488, "re-offer rejected"));
        MediaDescription m = answer.media().get(audio);
        answerer.remoteSdp = answer;
        takeRemote(answerer, answer, m);
        SessionDescription offer = pendingReoffer;
        pendingReoffer = null;
        offerer.localSdp = write(offerer, offeredDirection(answer, m), offer, pendingReofferAudio);
        return offerer.localSdp;
    }

    /** The endpoint's view: where its media goes (RTP) and whether it wants to receive now. */
    private void takeRemote(Leg leg, SessionDescription sdp, MediaDescription m) {
        InetSocketAddress rtp = SdpShaper.rtpAddress(sdp, m);
        leg.receives = m.direction().receives() && !m.isHold(sdp.connection().orElse(null));
        if (leg.kind == EndpointKind.RTP && rtp != null && !rtp.equals(leg.remote)) {
            leg.remote = rtp;
            leg.latched = false; // latch again to what really arrives (NAT, symmetric RTP)
        }
        if (leg.kind == EndpointKind.RTP) {
            leg.reporter.remoteFromSdp(SdpShaper.rtcpAddress(sdp, m, rtp));
        }
    }

    private void restartIce(Leg leg) {
        LegDtls dtls = leg.dtls;
        leg.ice = new IceLite(dtls::iceConnected);
    }

    private static List<DtlsFingerprint> fingerprints(MediaDescription m) {
        List<DtlsFingerprint> out = new ArrayList<>();
        for (Fingerprint f : m.fingerprints()) {
            try {
                out.add(DtlsFingerprint.parse(f.encode()));
            } catch (IllegalArgumentException e) {
                // an unknown hash function: the others may do
            }
        }
        return out;
    }

    private static List<Format> formatsOf(Format audio, Format dtmf) {
        return dtmf == null ? List.of(audio) : List.of(audio, dtmf);
    }

    private SessionDescription write(Leg leg, Direction direction, SessionDescription answering, int audio) {
        leg.sdpVersion++;
        List<InetAddress> candidates = new ArrayList<>();
        candidates.add(leg.localAddress);
        candidates.addAll(ctx.settings().iceAddresses());
        return SdpShaper.write(new SdpShaper.LocalDescription(leg, leg.sdpSessionId, leg.sdpVersion, leg.localFormats,
            direction, leg.setup, ctx.certificate().fingerprint().toSdpValue(), candidates, answering, audio));
    }

    private Leg newLeg(String role, EndpointKind kind, InetSocketAddress peer) throws MediaException {
        InetAddress local = ctx.addresses().towards(peer);
        List<LegHandler> handlers = new ArrayList<>(2);
        MediaSockets.Bound bound;
        try {
            bound = ctx.sockets().bind(ctx.ports(), ctx.settings().bindAddress(), loop, kind == EndpointKind.RTP,
                port -> {
                    LegHandler h = new LegHandler(ctx.counters());
                    handlers.add(h);
                    return (ChannelHandler) h;
                });
        } catch (IOException e) {
            throw new MediaException(503, "can't bind a media port: " + e.getMessage());
        }
        if (bound == null) {
            throw new MediaException(503, "no media ports left in " + ctx.settings().portMin() + "-"
                + ctx.settings().portMax());
        }
        LegDtls dtls = kind == EndpointKind.WEBRTC
            ? new LegDtls(id + "/" + role, ctx.dtlsConfig(), ctx.handshakes(), ctx.counters()) : null;
        IceLite ice = dtls == null ? null : new IceLite(dtls::iceConnected);
        Leg leg = new Leg(role, kind, bound.port(), local, bound.rtp(), bound.rtcp(), ice, dtls, loop);
        if (dtls != null) {
            dtls.attach(leg);
        }
        handlers.forEach(h -> h.attach(leg));
        return leg;
    }

    private void release(Leg leg) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("media {} {}: {}", id, leg.role, leg.reporter.summary());
        }
        leg.route = null;
        leg.close();
        ctx.ports().release(leg.port);
    }

    private void checkOpen() throws MediaException {
        if (closed) {
            throw new MediaException(500, "media session closed");
        }
    }

    @Override
    public void onTimeout(java.util.function.Consumer<String> listener) {
        timeoutListener = listener;
    }

    /**
     * The sweeper's check (every second): tells the listener once when a leg of the answered call
     * has been silent for the RTP timeout. A call on hold (either side not receiving) is exempt
     * and its countdown starts again when the hold ends.
     */
    void checkTimeout(long now) {
        String silent = null;
        synchronized (this) {
            long timeout = ctx.settings().rtpTimeoutSeconds() * 1_000_000_000L;
            if (closed || !selected || timedOut || timeout <= 0 || callee == null) {
                return;
            }
            if (!caller.receives || !callee.receives) {
                held = true;
                return;
            }
            if (held) { // the hold just ended: the countdown starts now
                held = false;
                quietSince = now;
                return;
            }
            for (Leg leg : new Leg[] {caller, callee}) {
                if (now - Math.max(leg.lastReceivedNanos, quietSince) > timeout) {
                    silent = leg.role;
                    break;
                }
            }
            if (silent == null) {
                return;
            }
            timedOut = true;
        }
        LOG.info("media {} of call {}: no RTP from the {} for {} s", id, call, silent, ctx.settings().rtpTimeoutSeconds());
        java.util.function.Consumer<String> l = timeoutListener;
        if (l != null) {
            l.accept(silent);
        }
    }

    @Override
    public synchronized MediaSessionInfo info() {
        List<MediaSessionInfo.LegInfo> legs = new ArrayList<>();
        legs.add(caller.info());
        branches.values().forEach(l -> legs.add(l.info()));
        targets.values().forEach(l -> legs.add(l.info()));
        return new MediaSessionInfo(id, call, legs);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (tap != null) {
                tap.close(); // the tap thread finishes the sinks (files) off this thread
            }
            release(caller);
            branches.values().forEach(this::release);
            branches.clear();
            dropTransferTargets();
        }
        onClose.run();
        LOG.debug("media {} of call {} closed", id, call);
    }
}
