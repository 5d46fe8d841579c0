package org.tabphone.media.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.tabphone.media.api.EndpointKind;

/**
 * Codec choices of a call (RFC 3264 §6, §8 with a B2BUA in the middle): what to offer the callee
 * given the caller's offer, and — once the callee answers — which format each leg uses and
 * whether packets are forwarded as they are (the legs share a format) or transcoded through 8 kHz
 * PCM (they share none and both formats are transcodable: G.711, Opus with its codec bundle).
 */
final class CodecPlan {
    private CodecPlan() {
    }

    /**
     * The formats to offer a callee. A browser gets the caller's audio formats (Opus stays Opus)
     * plus the G.711 law the caller lacks, which the gateway can transcode to; a SIP phone gets
     * G.711 (the caller's law first) — and the caller's other codecs only when it has no G.711,
     * then PCMU and PCMA too when one of those codecs is {@code transcodable} (a browser offering
     * only Opus still reaches a G.711 phone). DTMF (telephone-event/8000) is offered to both.
     */
    static List<Format> offerFor(EndpointKind kind, List<Format> caller, Predicate<Format> transcodable) {
        List<Format> out = new ArrayList<>();
        boolean hasPcmu = caller.stream().anyMatch(f -> f.encoding().equalsIgnoreCase("PCMU") && f.clockRate() == 8000);
        boolean hasPcma = caller.stream().anyMatch(f -> f.encoding().equalsIgnoreCase("PCMA") && f.clockRate() == 8000);
        for (Format f : caller) {
            if (f.isTelephoneEvent()) {
                continue;
            }
            if (kind == EndpointKind.WEBRTC || f.isG711() || !(hasPcmu || hasPcma)) {
                if (kind == EndpointKind.RTP && f.isAuxiliary()) {
                    continue; // CN/RED/FEC toward a desk phone gain nothing
                }
                out.add(f);
            }
        }
        if (hasPcmu && !hasPcma) {
            out.add(Format.pcma().withPt(freeStaticPt(out, 8)));
        } else if (hasPcma && !hasPcmu) {
            out.add(Format.pcmu().withPt(freeStaticPt(out, 0)));
        } else if (!hasPcmu && caller.stream().anyMatch(f -> !f.isAuxiliary() && transcodable.test(f))) {
            out.add(Format.pcmu().withPt(freeStaticPt(out, 0)));
            out.add(Format.pcma().withPt(freeStaticPt(out, 8)));
        }
        int dtmfPt = caller.stream().filter(f -> f.isTelephoneEvent() && f.clockRate() == 8000)
            .mapToInt(Format::pt).findFirst().orElse(freePt(out, 101));
        out.add(Format.telephoneEvent(dtmfPt, 8000));
        return out;
    }

    /** {@link #offerFor(EndpointKind, List, Predicate)} transcoding G.711 only. */
    static List<Format> offerFor(EndpointKind kind, List<Format> caller) {
        return offerFor(kind, caller, Format::isG711);
    }

    /** The static payload type when nothing else in {@code formats} uses it (it never is in practice). */
    private static int freeStaticPt(List<Format> formats, int pt) {
        return formats.stream().anyMatch(f -> f.pt() == pt) ? freePt(formats, 96) : pt;
    }

    /** The first dynamic payload type from {@code preferred} not used in {@code formats}. */
    static int freePt(List<Format> formats, int preferred) {
        for (int pt = preferred; pt < preferred + 128; pt++) {
            int candidate = 96 + (pt - 96) % 32;
            if (formats.stream().noneMatch(f -> f.pt() == candidate)) {
                return candidate;
            }
        }
        return preferred;
    }

    /**
     * How the two legs connect once one has answered with {@code answered} (its first non-DTMF
     * format) and the other offered {@code offered}: pass-through when the offer has that format,
     * else transcoding from the offered format nearest in clock rate (G.711 before Opus toward a
     * G.711 answer) when both are {@code transcodable}.
     */
    static Optional<Bridge> bridge(List<Format> offered, List<Format> answered, Predicate<Format> transcodable) {
        Format chosen = answered.stream().filter(f -> !f.isAuxiliary()).findFirst().orElse(null);
        if (chosen == null) {
            return Optional.empty();
        }
        Format dtmfAnswered = answered.stream().filter(Format::isTelephoneEvent).findFirst().orElse(null);
        Optional<Format> same = offered.stream().filter(chosen::sameCodec).findFirst();
        if (same.isPresent()) {
            Format dtmfOffered = offered.stream().filter(f -> f.isTelephoneEvent() && (dtmfAnswered == null
                || f.clockRate() == dtmfAnswered.clockRate())).findFirst().orElse(null);
            return Optional.of(new Bridge(same.get(), chosen, false, dtmfOffered, dtmfAnswered));
        }
        if (!transcodable.test(chosen)) {
            return Optional.empty();
        }
        Optional<Format> other = offered.stream().filter(f -> !f.isAuxiliary() && transcodable.test(f))
            .min(Comparator.comparingInt(f -> Math.abs(f.clockRate() - chosen.clockRate())));
        if (other.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Bridge(other.get(), chosen, true, dtmfFor(offered, other.get(), dtmfAnswered),
            dtmfAnswered));
    }

    /**
     * The offerer's DTMF format when transcoding: the one at its audio's clock (a browser sends
     * telephone-event only at its codec's rate: /48000 with Opus), else one at the answer's DTMF clock.
     */
    private static Format dtmfFor(List<Format> offered, Format audio, Format dtmfAnswered) {
        if (dtmfAnswered == null) {
            return null;
        }
        return offered.stream().filter(f -> f.isTelephoneEvent() && f.clockRate() == audio.clockRate()).findFirst()
            .or(() -> offered.stream().filter(f -> f.isTelephoneEvent()
                && f.clockRate() == dtmfAnswered.clockRate()).findFirst())
            .orElse(null);
    }

    /**
     * The agreed formats: {@code offererSide} on the leg that offered, {@code answererSide} on the
     * one that answered; DTMF formats are null when that leg has none.
     */
    record Bridge(Format offererSide, Format answererSide, boolean transcode, Format offererDtmf,
                  Format answererDtmf) {
    }
}
