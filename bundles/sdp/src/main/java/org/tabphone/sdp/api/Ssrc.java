package org.tabphone.sdp.api;

import java.util.Optional;
import org.tabphone.sdp.internal.parse.SdpChars;

/**
 * One {@code a=ssrc:<ssrc-id> <attribute>[:<value>]} line (RFC 5576 §4.1), e.g.
 * {@code a=ssrc:1944796561 cname:/vC4ULAr8vHNjXmq}.
 *
 * @param id        the SSRC, 0 to 2^32-1
 * @param attribute the source attribute name, e.g. {@code cname}, {@code msid}
 * @param value     its value, if any (may contain spaces, as {@code msid} does)
 */
public record Ssrc(long id, String attribute, Optional<String> value) {
    /** The largest SSRC. */
    public static final long MAX_ID = 0xFFFF_FFFFL;

    /** @throws IllegalArgumentException if the id is out of range or the attribute/value cannot be written */
    public Ssrc {
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException("SSRC out of range: " + id);
        }
        if (!SdpChars.isAttributeName(attribute)) {
            throw new IllegalArgumentException("Bad ssrc attribute");
        }
        value = value.map(SdpChars::text);
    }

    /** {@code a=ssrc:<id> <attribute>:<value>}. */
    public static Ssrc of(long id, String attribute, String value) {
        return new Ssrc(id, attribute, Optional.of(value));
    }

    /**
     * Parses an ssrc attribute value.
     *
     * @return empty when it is malformed
     */
    public static Optional<Ssrc> parse(String attributeValue) {
        String[] parts = SdpChars.splitFirst(attributeValue);
        if (parts.length != 2) {
            return Optional.empty();
        }
        long id = SdpChars.parseUnsigned(parts[0]);
        if (id < 0 || id > MAX_ID) {
            return Optional.empty();
        }
        String rest = parts[1];
        int colon = rest.indexOf(':');
        String name = colon < 0 ? rest : rest.substring(0, colon);
        if (!SdpChars.isAttributeName(name)) {
            return Optional.empty();
        }
        return Optional.of(new Ssrc(id, name, colon < 0 ? Optional.empty() : Optional.of(rest.substring(colon + 1))));
    }

    /** The attribute value: {@code <id> <attribute>[:<value>]}. */
    public String encode() {
        return id + " " + attribute + value.map(v -> ":" + v).orElse("");
    }

    /** {@code a=ssrc:...}. */
    public Attribute toAttribute() {
        return Attribute.of("ssrc", encode());
    }

    @Override
    public String toString() {
        return "a=ssrc:" + encode();
    }
}
