package org.tabphone.sip.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tabphone.sip.api.header.Header;
import org.tabphone.sip.api.header.HeaderName;

/**
 * The checks a UAS makes on a request that parsed (RFC 3261 §8.2, §16.3), in the order of §8.2:
 * <ol>
 *   <li>400 if To, From, Call-ID, CSeq or Via is missing (RFC 4475 insuf), if a single-value header
 *       (To, From, Call-ID, CSeq, Max-Forwards, Content-Type) appears more than once (multi01), or if
 *       Content-Length values conflict (mcl01). A missing Max-Forwards is accepted (RFC 2543 peers, inv2543);</li>
 *   <li>416 if the Request-URI scheme is not supported (unkscm, novelsc);</li>
 *   <li>420 listing in Unsupported the Require and Proxy-Require option tags not supported (bext01);</li>
 *   <li>400 for a body without Content-Type, 415 with Accept for an unsupported Content-Type (invut);</li>
 *   <li>406 for an INVITE whose Accept excludes application/sdp, since the answer needs SDP (sdp01).</li>
 * </ol>
 * Option-tag, content and Accept checks are skipped for ACK and CANCEL, which take no such decisions.
 * A rejected ACK must be dropped, never answered. Proxy matters (Max-Forwards 0 gives 483) and
 * registrar matters (a non-SIP To in REGISTER) are left to those roles.
 */
public final class RequestChecks {
    private RequestChecks() {
    }

    /**
     * @param supportedOptionTags  option tags this UAS implements, e.g. {@code replaces}, {@code 100rel}
     * @param supportedSchemes     Request-URI schemes it serves, lower case, e.g. {@code sip}, {@code sips}
     * @param acceptedContentTypes body types it understands, lower case, e.g. {@code application/sdp}
     * @return the response to send, or empty if the request may go on to the application
     */
    public static Optional<Rejection> check(SipRequest request, Set<String> supportedOptionTags,
            Set<String> supportedSchemes, Set<String> acceptedContentTypes) {
        Optional<Rejection> r = checkMandatoryHeaders(request);
        if (r.isPresent()) {
            return r;
        }
        if (supportedSchemes.stream().noneMatch(s -> s.equalsIgnoreCase(request.requestUri().scheme()))) {
            return reject(416, "Unsupported URI Scheme: " + request.requestUri().scheme());
        }
        SipMethod m = request.method();
        if (m.equals(SipMethod.ACK) || m.equals(SipMethod.CANCEL)) {
            return Optional.empty();
        }
        r = checkOptionTags(request, supportedOptionTags);
        if (r.isPresent()) {
            return r;
        }
        r = checkContentType(request, acceptedContentTypes);
        if (r.isPresent()) {
            return r;
        }
        return m.equals(SipMethod.INVITE) ? checkAcceptsSdp(request) : Optional.empty();
    }

    private static Optional<Rejection> checkMandatoryHeaders(SipRequest request) {
        List<String> missing = new ArrayList<>();
        for (HeaderName h : List.of(HeaderName.TO, HeaderName.FROM, HeaderName.CALL_ID, HeaderName.CSEQ,
                HeaderName.VIA)) {
            if (request.header(h).isEmpty()) {
                missing.add(h.name());
            }
        }
        if (!missing.isEmpty()) {
            return reject(400, "Missing " + String.join(", ", missing) + " header" + (missing.size() > 1 ? "s" : ""));
        }
        for (HeaderName h : List.of(HeaderName.TO, HeaderName.FROM, HeaderName.CALL_ID, HeaderName.CSEQ,
                HeaderName.MAX_FORWARDS, HeaderName.CONTENT_TYPE)) {
            if (request.headers(h).size() > 1) {
                return reject(400, "Multiple " + h.name() + " headers");
            }
        }
        if (request.headers(HeaderName.CONTENT_LENGTH).stream().map(String::strip).distinct().count() > 1) {
            return reject(400, "Conflicting Content-Length values");
        }
        return Optional.empty();
    }

    private static Optional<Rejection> checkOptionTags(SipRequest request, Set<String> supported) {
        Set<String> unsupported = new LinkedHashSet<>();
        for (HeaderName h : List.of(HeaderName.REQUIRE, HeaderName.PROXY_REQUIRE)) {
            for (String tag : request.headers(h)) {
                // Option tags are tokens; matching ignores case so odd capitalisation of a tag we support is not refused.
                if (supported.stream().noneMatch(tag::equalsIgnoreCase)) {
                    unsupported.add(tag);
                }
            }
        }
        if (unsupported.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rejection(420, SipStatus.reasonPhrase(420),
                List.of(new Header(HeaderName.UNSUPPORTED, String.join(", ", unsupported)))));
    }

    private static Optional<Rejection> checkContentType(SipRequest request, Set<String> accepted) {
        if (request.bodyLength() == 0) {
            return Optional.empty();
        }
        Optional<String> type = request.contentType();
        if (type.isEmpty()) {
            return reject(400, "Body without Content-Type");
        }
        String media = mediaType(type.get());
        if (accepted.stream().anyMatch(media::equalsIgnoreCase)) {
            return Optional.empty();
        }
        String accept = accepted.stream().sorted().collect(Collectors.joining(", "));
        return Optional.of(new Rejection(415, SipStatus.reasonPhrase(415),
                List.of(new Header(HeaderName.ACCEPT, accept))));
    }

    /** RFC 3261 §20.1: an Accept header lists what the response body may be; empty means nothing. */
    private static Optional<Rejection> checkAcceptsSdp(SipRequest request) {
        if (request.header(HeaderName.ACCEPT).isEmpty()) {
            return Optional.empty();
        }
        for (String range : request.headers(HeaderName.ACCEPT)) {
            String media = mediaType(range);
            if (media.equals("application/sdp") || media.equals("application/*") || media.equals("*/*")) {
                return Optional.empty();
            }
        }
        return reject(406, "Not Acceptable: application/sdp is not in Accept");
    }

    /** The type/subtype of a media type or range, without parameters, in lower case. */
    private static String mediaType(String value) {
        int semi = value.indexOf(';');
        return (semi < 0 ? value : value.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private static Optional<Rejection> reject(int code, String reason) {
        return Optional.of(new Rejection(code, reason, List.of()));
    }
}
