package org.tabphone.sdp.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tabphone.sdp.internal.parse.SdpChars;

/** Offer/answer rules of RFC 3264 that do not depend on who is answering. */
public final class OfferAnswer {
    private OfferAnswer() {
    }

    /**
     * The direction to answer an offered direction with when the answerer can both send and receive
     * (RFC 3264 §6.1): sendonly → recvonly, recvonly → sendonly, inactive → inactive,
     * sendrecv → sendrecv.
     */
    public static Direction answerDirection(Direction offered) {
        return Objects.requireNonNull(offered).reverse();
    }

    /**
     * The formats to answer an offered media description with (RFC 3264 §6.1): the offered payload
     * types whose codec (name ignoring case, clock rate, channels; see {@link MediaDescription#rtpMaps()},
     * so static payload types without rtpmap count) is in {@code supported}, with the offer's payload
     * type numbers and in the offer's order.
     *
     * <p>{@code telephone-event} (RFC 4733) is kept when the offer has it at the clock rate of a
     * chosen codec, whether or not {@code supported} lists it; at other clock rates it is dropped.
     * Comfort noise and other formats are kept only when {@code supported} lists them.
     *
     * @return empty when nothing but, at most, telephone-event matches: the stream must then be
     *         rejected ({@link #reject})
     */
    public static List<String> negotiate(MediaDescription offered, List<Codec> supported) {
        Map<Integer, RtpMap> maps = offered.rtpMaps();
        Set<Integer> chosen = new HashSet<>();
        Set<Integer> clockRates = new HashSet<>();
        for (RtpMap r : maps.values()) {
            if (!r.isTelephoneEvent() && supported.stream().anyMatch(c -> c.matches(r))) {
                chosen.add(r.payloadType());
                clockRates.add(r.clockRate());
            }
        }
        if (chosen.isEmpty()) {
            return List.of();
        }
        for (RtpMap r : maps.values()) {
            if (r.isTelephoneEvent() && clockRates.contains(r.clockRate())) {
                chosen.add(r.payloadType());
            }
        }
        List<String> out = new ArrayList<>(chosen.size());
        Set<Integer> written = new HashSet<>();
        for (String f : offered.formats()) {
            int pt = SdpChars.parseUnsigned(f, RtpMap.MAX_PAYLOAD_TYPE);
            if (pt >= 0 && chosen.contains(pt) && written.add(pt)) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The offered stream rejected, for an answer (RFC 3264 §6): port 0, only the first offered
     * format, no port count, bandwidth or attributes except {@code a=mid} (kept, as browsers keep it
     * in their own rejections, so the m= section can still be matched by mid); connection lines are kept.
     */
    public static MediaDescription reject(MediaDescription offered) {
        MediaDescription.Builder b = offered.toBuilder().port(0).portCount(0).bandwidths(List.of())
                .attributes(offered.attribute("mid").map(List::of).orElse(List.of())).unknownLines(List.of());
        if (offered.formats().size() > 1) {
            b.formats(offered.formats().subList(0, 1));
        }
        return b.build();
    }

    /**
     * Whether an answer accepted the stream it answers: a non-zero port (RFC 3264 §6), or port 0
     * with {@code a=bundle-only}.
     */
    public static boolean isAccepted(MediaDescription answered) {
        return !answered.isRejected();
    }
}
