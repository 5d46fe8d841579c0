package org.tabphone.sdp.api;

import java.util.Objects;
import java.util.Optional;
import org.tabphone.sdp.internal.parse.SdpChars;

/**
 * One {@code a=} line (RFC 8866 §5.13): a property attribute {@code a=<name>} or a value attribute
 * {@code a=<name>:<value>}. The value is kept exactly as written after the first colon, leading
 * spaces included ({@code a=msid-semantic: WMS} has the value {@code " WMS"}).
 *
 * <p>Equality is exact (names compare case-sensitively); the lookups of {@link SessionDescription}
 * and {@link MediaDescription} match names case-insensitively.
 */
public final class Attribute {
    private final String name;
    private final String value;

    private Attribute(String name, String value) {
        this.name = name;
        this.value = value;
    }

    /**
     * A property attribute, e.g. {@code rtcp-mux}.
     *
     * @throws IllegalArgumentException if the name is empty or holds a space, tab, colon, NUL, CR or LF
     */
    public static Attribute of(String name) {
        return new Attribute(checkName(name), null);
    }

    /**
     * A value attribute, e.g. {@code of("rtpmap", "0 PCMU/8000")}; a null value makes a property
     * attribute.
     *
     * Trailing spaces and tabs of the value are dropped, as the parser drops them.
     *
     * @throws IllegalArgumentException if the name is not valid or the value holds NUL, CR or LF
     */
    public static Attribute of(String name, String value) {
        return new Attribute(checkName(name), SdpChars.text(value));
    }

    private static String checkName(String name) {
        if (!SdpChars.isAttributeName(name)) {
            throw new IllegalArgumentException("Bad attribute name: " + (name == null ? null : SdpChars.excerpt(name, 40)));
        }
        return name;
    }

    /** The attribute name as written. */
    public String name() {
        return name;
    }

    /** The value after the first colon, or empty for a property attribute. */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** The value, or {@code ""} for a property attribute. */
    public String valueOrEmpty() {
        return value == null ? "" : value;
    }

    /** Whether this is a value attribute ({@code a=name:value}). */
    public boolean hasValue() {
        return value != null;
    }

    /** Whether the name is {@code name}, ignoring case. */
    public boolean is(String name) {
        return this.name.equalsIgnoreCase(name);
    }

    /** The line value, without {@code a=}: {@code name} or {@code name:value}. */
    public String encode() {
        return value == null ? name : name + ":" + value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attribute a && name.equals(a.name) && Objects.equals(value, a.value);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Objects.hashCode(value);
    }

    /** {@code a=name[:value]}. */
    @Override
    public String toString() {
        return "a=" + encode();
    }
}
