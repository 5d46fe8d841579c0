package org.tabphone.sdp.api;

import java.util.Optional;

/** The media direction attributes of RFC 8866 §6.7 (RFC 3264 §5.1). */
public enum Direction {
    SENDRECV("sendrecv", true, true),
    SENDONLY("sendonly", true, false),
    RECVONLY("recvonly", false, true),
    INACTIVE("inactive", false, false);

    private final String attributeName;
    private final boolean sends;
    private final boolean receives;

    Direction(String attributeName, boolean sends, boolean receives) {
        this.attributeName = attributeName;
        this.sends = sends;
        this.receives = receives;
    }

    /** The property attribute that carries it, e.g. {@code sendonly}. */
    public String attributeName() {
        return attributeName;
    }

    /** Whether the side that wrote this direction sends media. */
    public boolean sends() {
        return sends;
    }

    /** Whether the side that wrote this direction receives media. */
    public boolean receives() {
        return receives;
    }

    /** The direction seen from the other side: sendonly and recvonly swap (RFC 3264 §6.1). */
    public Direction reverse() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    /** The attribute as an {@link Attribute}, e.g. {@code a=sendonly}. */
    public Attribute toAttribute() {
        return Attribute.of(attributeName);
    }

    /** The direction a property attribute name stands for (case-insensitive), if it is one. */
    public static Optional<Direction> fromAttributeName(String name) {
        for (Direction d : values()) {
            if (d.attributeName.equalsIgnoreCase(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code name} is one of the four direction attributes (case-insensitive). */
    public static boolean isDirectionAttribute(String name) {
        return fromAttributeName(name).isPresent();
    }
}
