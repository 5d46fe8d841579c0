package org.tabphone.media.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tabphone.media.api.EndpointKind;
import org.tabphone.media.api.MediaException;
import org.tabphone.media.internal.dtls.DtlsFingerprint;
import org.tabphone.media.internal.dtls.DtlsRole;
import org.tabphone.sdp.api.Direction;
import org.tabphone.sdp.api.Fingerprint;
import org.tabphone.sdp.api.MediaDescription;
import org.tabphone.sdp.api.SessionDescription;
import org.tabphone.sdp.api.Setup;

/**
 * Offer/answer (RFC 3264) for one session's legs: the offers the gateway makes (formats from the
 * other side, our DTLS role left open), what an endpoint's SDP tells it (where media goes, whether
 * it receives, the DTLS role and fingerprints, the formats agreed) and the gateway's SDP toward a
 * leg. Called holding the session's lock.
 */
final class LegNegotiation {
    private final MediaContext ctx;
    private final LegPorts ports;

    LegNegotiation(MediaContext ctx, LegPorts ports) {
        this.ctx = ctx;
        this.ports = ports;
    }

    /**
     * The offer to {@code branch}, a new leg kept in {@code legs} (again: the same offer): formats
     * from {@code base}, our DTLS role left open (actpass).
     */
    SessionDescription offer(Map<String, Leg> legs, String branch, EndpointKind kind, InetSocketAddress peer,
                             List<Format> base, Direction direction) throws MediaException {
        Leg existing = legs.get(branch);
        if (existing != null) {
            return existing.localSdp;
        }
        Leg leg = ports.open("callee:" + branch, kind, peer);
        leg.localFormats = CodecPlan.offerFor(kind, base, this::transcodable);
        leg.setup = "actpass";
        legs.put(branch, leg);
        leg.localSdp = write(leg, direction, null, 0);
        return leg.localSdp;
    }

    /**
     * Takes in a leg's answer {@code m} to our offer: its address and direction, its DTLS role, and
     * the formats we now send it. Returns how it bridges to {@code base} (the other side's formats).
     */
    CodecPlan.Bridge takeAnswer(Leg leg, SessionDescription answer, MediaDescription m, List<Format> base,
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

    /** The endpoint's view: where its media goes (RTP) and whether it wants to receive now. */
    void takeRemote(Leg leg, SessionDescription sdp, MediaDescription m) {
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

    /** ICE restart: new credentials our side too (RFC 8445 §9). */
    void restartIce(Leg leg) {
        LegDtls dtls = leg.dtls;
        leg.ice = new IceLite(dtls::iceConnected);
    }

    /** Our SDP toward {@code leg}: an offer, or the answer to {@code answering}'s stream {@code audio}. */
    SessionDescription write(Leg leg, Direction direction, SessionDescription answering, int audio) {
        leg.sdpVersion++;
        List<InetAddress> candidates = new ArrayList<>();
        candidates.add(leg.localAddress);
        candidates.addAll(ctx.settings().iceAddresses());
        return SdpShaper.write(new SdpShaper.LocalDescription(leg, leg.sdpSessionId, leg.sdpVersion, leg.localFormats,
            direction, leg.setup, ctx.certificate().fingerprint().toSdpValue(), candidates, answering, audio));
    }

    /**
     * Whether the gateway can transcode {@code f}: G.711 always (a codec bundle being updated
     * mid-call comes back), anything else when its codec service is installed (Opus).
     */
    boolean transcodable(Format f) {
        return f.isG711() || ctx.codecs().transcodable(f);
    }

    static MediaDescription audioOf(SessionDescription sdp, String missing) throws MediaException {
        return sdp.media().get(SdpShaper.audioIndex(sdp).orElseThrow(() -> new MediaException(488, missing)));
    }

    /**
     * The direction an endpoint asks for, RFC 2543 style included: {@code c=0.0.0.0} (RFC 3264
     * §8.4) means "send me nothing", so a sendrecv stream is sendonly and a recvonly one inactive.
     */
    static Direction offeredDirection(SessionDescription sdp, MediaDescription m) {
        Direction d = m.direction();
        if (!m.isHold(sdp.connection().orElse(null)) || !d.receives()) {
            return d;
        }
        return d.sends() ? Direction.SENDONLY : Direction.INACTIVE;
    }

    static List<DtlsFingerprint> fingerprints(MediaDescription m) {
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

    static List<Format> formatsOf(Format audio, Format dtmf) {
        return dtmf == null ? List.of(audio) : List.of(audio, dtmf);
    }
}
