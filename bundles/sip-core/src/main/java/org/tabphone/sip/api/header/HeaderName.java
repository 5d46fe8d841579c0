package org.tabphone.sip.api.header;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tabphone.sip.internal.parse.CharClass;

/**
 * A header field name (RFC 3261 §7.3). Names compare case-insensitively; the compact forms of
 * RFC 3261 §7.3.3 (and of the extensions that registered one) resolve to the canonical name, so
 * {@code HeaderName.of("i") == HeaderName.CALL_ID}.
 *
 * <p>{@link #isListValued()} tells whether several values may be combined into one header line
 * separated by commas (RFC 3261 §7.3.1). It is false for headers whose single value itself contains
 * commas (WWW-Authenticate, Authorization, Date, ...).
 */
public final class HeaderName {
    public static final HeaderName ACCEPT = known("Accept", 0, true);
    public static final HeaderName ACCEPT_CONTACT = known("Accept-Contact", 'a', true);
    public static final HeaderName ACCEPT_ENCODING = known("Accept-Encoding", 0, true);
    public static final HeaderName ACCEPT_LANGUAGE = known("Accept-Language", 0, true);
    public static final HeaderName ALERT_INFO = known("Alert-Info", 0, true);
    public static final HeaderName ALLOW = known("Allow", 0, true);
    public static final HeaderName ALLOW_EVENTS = known("Allow-Events", 'u', true);
    public static final HeaderName AUTHENTICATION_INFO = known("Authentication-Info", 0, false);
    public static final HeaderName AUTHORIZATION = known("Authorization", 0, false);
    public static final HeaderName CALL_ID = known("Call-ID", 'i', false);
    public static final HeaderName CALL_INFO = known("Call-Info", 0, true);
    public static final HeaderName CONTACT = known("Contact", 'm', true);
    public static final HeaderName CONTENT_DISPOSITION = known("Content-Disposition", 0, false);
    public static final HeaderName CONTENT_ENCODING = known("Content-Encoding", 'e', true);
    public static final HeaderName CONTENT_LANGUAGE = known("Content-Language", 0, true);
    public static final HeaderName CONTENT_LENGTH = known("Content-Length", 'l', false);
    public static final HeaderName CONTENT_TYPE = known("Content-Type", 'c', false);
    public static final HeaderName CSEQ = known("CSeq", 0, false);
    public static final HeaderName DATE = known("Date", 0, false);
    public static final HeaderName ERROR_INFO = known("Error-Info", 0, true);
    public static final HeaderName EVENT = known("Event", 'o', false);
    public static final HeaderName EXPIRES = known("Expires", 0, false);
    public static final HeaderName FROM = known("From", 'f', false);
    public static final HeaderName IDENTITY = known("Identity", 'y', false);
    public static final HeaderName IN_REPLY_TO = known("In-Reply-To", 0, true);
    public static final HeaderName MAX_FORWARDS = known("Max-Forwards", 0, false);
    public static final HeaderName MIME_VERSION = known("MIME-Version", 0, false);
    public static final HeaderName MIN_EXPIRES = known("Min-Expires", 0, false);
    public static final HeaderName MIN_SE = known("Min-SE", 0, false);
    public static final HeaderName ORGANIZATION = known("Organization", 0, false);
    public static final HeaderName P_ASSERTED_IDENTITY = known("P-Asserted-Identity", 0, true);
    public static final HeaderName P_PREFERRED_IDENTITY = known("P-Preferred-Identity", 0, true);
    public static final HeaderName PATH = known("Path", 0, true);
    public static final HeaderName PRIORITY = known("Priority", 0, false);
    public static final HeaderName PRIVACY = known("Privacy", 0, false);
    public static final HeaderName PROXY_AUTHENTICATE = known("Proxy-Authenticate", 0, false);
    public static final HeaderName PROXY_AUTHORIZATION = known("Proxy-Authorization", 0, false);
    public static final HeaderName PROXY_REQUIRE = known("Proxy-Require", 0, true);
    public static final HeaderName RACK = known("RAck", 0, false);
    public static final HeaderName REASON = known("Reason", 0, true);
    public static final HeaderName RECORD_ROUTE = known("Record-Route", 0, true);
    public static final HeaderName REFER_TO = known("Refer-To", 'r', false);
    public static final HeaderName REFERRED_BY = known("Referred-By", 'b', false);
    public static final HeaderName REJECT_CONTACT = known("Reject-Contact", 'j', true);
    public static final HeaderName REPLACES = known("Replaces", 0, false);
    public static final HeaderName REPLY_TO = known("Reply-To", 0, false);
    public static final HeaderName REQUEST_DISPOSITION = known("Request-Disposition", 'd', true);
    public static final HeaderName REQUIRE = known("Require", 0, true);
    public static final HeaderName RETRY_AFTER = known("Retry-After", 0, false);
    public static final HeaderName ROUTE = known("Route", 0, true);
    public static final HeaderName RSEQ = known("RSeq", 0, false);
    public static final HeaderName SERVER = known("Server", 0, false);
    public static final HeaderName SERVICE_ROUTE = known("Service-Route", 0, true);
    public static final HeaderName SESSION_EXPIRES = known("Session-Expires", 'x', false);
    public static final HeaderName SUBJECT = known("Subject", 's', false);
    public static final HeaderName SUBSCRIPTION_STATE = known("Subscription-State", 0, false);
    public static final HeaderName SUPPORTED = known("Supported", 'k', true);
    public static final HeaderName TIMESTAMP = known("Timestamp", 0, false);
    public static final HeaderName TO = known("To", 't', false);
    public static final HeaderName UNSUPPORTED = known("Unsupported", 0, true);
    public static final HeaderName USER_AGENT = known("User-Agent", 0, false);
    public static final HeaderName VIA = known("Via", 'v', true);
    public static final HeaderName WARNING = known("Warning", 0, true);
    public static final HeaderName WWW_AUTHENTICATE = known("WWW-Authenticate", 0, false);

    private static final List<HeaderName> KNOWN = List.of(
            ACCEPT, ACCEPT_CONTACT, ACCEPT_ENCODING, ACCEPT_LANGUAGE, ALERT_INFO, ALLOW, ALLOW_EVENTS,
            AUTHENTICATION_INFO, AUTHORIZATION, CALL_ID, CALL_INFO, CONTACT, CONTENT_DISPOSITION,
            CONTENT_ENCODING, CONTENT_LANGUAGE, CONTENT_LENGTH, CONTENT_TYPE, CSEQ, DATE, ERROR_INFO,
            EVENT, EXPIRES, FROM, IDENTITY, IN_REPLY_TO, MAX_FORWARDS, MIME_VERSION, MIN_EXPIRES, MIN_SE,
            ORGANIZATION, P_ASSERTED_IDENTITY, P_PREFERRED_IDENTITY, PATH, PRIORITY, PRIVACY,
            PROXY_AUTHENTICATE, PROXY_AUTHORIZATION, PROXY_REQUIRE, RACK, REASON, RECORD_ROUTE, REFER_TO,
            REFERRED_BY, REJECT_CONTACT, REPLACES, REPLY_TO, REQUEST_DISPOSITION, REQUIRE, RETRY_AFTER,
            ROUTE, RSEQ, SERVER, SERVICE_ROUTE, SESSION_EXPIRES, SUBJECT, SUBSCRIPTION_STATE, SUPPORTED,
            TIMESTAMP, TO, UNSUPPORTED, USER_AGENT, VIA, WARNING, WWW_AUTHENTICATE);

    /** Lower-cased long and compact names to the known constant. Immutable. */
    private static final Map<String, HeaderName> BY_LOWER_NAME = KNOWN.stream()
            .flatMap(h -> h.compact == 0
                    ? Stream.of(Map.entry(h.lower, h))
                    : Stream.of(Map.entry(h.lower, h), Map.entry(String.valueOf(h.compact), h)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private final String name;
    private final String lower;
    private final char compact;
    private final boolean listValued;
    private final boolean known;

    private HeaderName(String name, char compact, boolean listValued, boolean known) {
        this.name = name;
        this.lower = name.toLowerCase(Locale.ROOT);
        this.compact = compact;
        this.listValued = listValued;
        this.known = known;
    }

    private static HeaderName known(String name, int compact, boolean listValued) {
        return new HeaderName(name, (char) compact, listValued, true);
    }

    /**
     * The header name for {@code name}: a known constant when {@code name} is a canonical or compact
     * name in any letter case, otherwise an extension header name spelled as given.
     *
     * @throws IllegalArgumentException if {@code name} is not a token (RFC 3261 §25.1)
     */
    public static HeaderName of(String name) {
        HeaderName k = BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT));
        if (k != null) {
            return k;
        }
        if (!CharClass.isToken(name)) {
            throw new IllegalArgumentException("Header name is not a token: " + name);
        }
        return new HeaderName(name, (char) 0, false, false);
    }

    /** All header names this class knows, each once. */
    public static List<HeaderName> knownNames() {
        return KNOWN;
    }

    /** The canonical spelling, e.g. {@code Call-ID}; for extension headers the spelling first seen. */
    public String name() {
        return name;
    }

    /** The compact form (RFC 3261 §7.3.3), if the header has one. */
    public Optional<Character> compactForm() {
        return compact == 0 ? Optional.empty() : Optional.of(compact);
    }

    /** Whether values of this header may be combined into one line separated by commas. */
    public boolean isListValued() {
        return listValued;
    }

    /** Whether this is one of the {@link #knownNames()} rather than an extension header. */
    public boolean isKnown() {
        return known;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof HeaderName other && other.lower.equals(lower));
    }

    @Override
    public int hashCode() {
        return lower.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
