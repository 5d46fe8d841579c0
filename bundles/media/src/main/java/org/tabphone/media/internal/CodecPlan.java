package org.tabphone.media.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tabphone.media.api.EndpointKind;

/**
 * Codec choices of a call (RFC 3264 §6, §8 with a B2BUA in the middle): what to offer the callee
 * given the caller's offer, and — once the callee answers — which format each leg uses and
 * whether packets are forwarded as they are or transcoded through PCM16 (only PCMU↔PCMA).
 */
final class CodecPlan {
    private CodecPlan() {
    }

    /**
     * The formats to offer a callee. A browser gets the caller's audio formats (Opus stays Opus)
     * plus the G.711 law the caller lacks, which the gateway can transcode to; a SIP phone gets
     * G.711 (the caller's law first) — and the caller's other codecs only when it has no G.711.
     * DTMF (telephone-event/8000) is offered to both.
     */
    static List<Format> offerFor(EndpointKind kind, List<Format> caller) {
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
            out.add(Format.pcma());
        } else if (hasPcma && !hasPcmu) {
            out.add(Format.pcmu());
        }
        int dtmfPt = caller.stream().filter(f -> f.isTelephoneEvent() && f.clockRate() == 8000)
            .mapToInt(Format::pt).findFirst().orElse(freePt(out, 101));
        out.add(Format.telephoneEvent(dtmfPt, 8000));
        return out;
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
     * format) and the other offered {@code offered}.
     */
    static Optional<Bridge> bridge(List<Format> offered, List<Format> answered) {
        Format chosen = answered.stream().filter(f -> !f.isAuxiliary()).findFirst().orElse(null);
        if (chosen == null) {
            return Optional.empty();
        }
        Format dtmfAnswered = answered.stream().filter(Format::isTelephoneEvent).findFirst().orElse(null);
        Format dtmfOffered = offered.stream().filter(f -> f.isTelephoneEvent() && (dtmfAnswered == null
            || f.clockRate() == dtmfAnswered.clockRate())).findFirst().orElse(null);
        Optional<Format> same = offered.stream().filter(chosen::sameCodec).findFirst();
        if (same.isPresent()) {
            return Optional.of(new Bridge(same.get(), chosen, false, dtmfOffered, dtmfAnswered));
        }
        if (chosen.isG711()) {
            Optional<Format> other = offered.stream().filter(Format::isG711).findFirst();
            if (other.isPresent()) {
                return Optional.of(new Bridge(other.get(), chosen, true, dtmfOffered, dtmfAnswered));
            }
        }
        return Optional.empty();
    }

    /**
     * The agreed formats: {@code offererSide} on the leg that offered, {@code answererSide} on the
     * one that answered; DTMF formats are null when that leg has none.
     */
    record Bridge(Format offererSide, Format answererSide, boolean transcode, Format offererDtmf,
                  Format answererDtmf) {
    }
}
