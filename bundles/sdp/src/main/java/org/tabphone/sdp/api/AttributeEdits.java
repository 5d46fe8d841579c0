package org.tabphone.sdp.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** Lookups and edits on an ordered attribute list, shared by the session and media levels. */
final class AttributeEdits {
    private AttributeEdits() {
    }

    static Optional<Attribute> first(List<Attribute> attributes, String name) {
        for (Attribute a : attributes) {
            if (a.is(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    static List<Attribute> all(List<Attribute> attributes, String name) {
        List<Attribute> out = new ArrayList<>(2);
        for (Attribute a : attributes) {
            if (a.is(name)) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }

    static Optional<Direction> direction(List<Attribute> attributes) {
        for (Attribute a : attributes) {
            if (!a.hasValue()) {
                Optional<Direction> d = Direction.fromAttributeName(a.name());
                if (d.isPresent()) {
                    return d;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Removes every attribute {@code which} matches and puts {@code replacements} where the first of
     * them was (at the end when none matched).
     */
    static void replace(List<Attribute> attributes, Predicate<Attribute> which, List<Attribute> replacements) {
        List<Attribute> copy = List.copyOf(replacements); // also rejects nulls
        int at = -1;
        for (int i = 0; i < attributes.size(); i++) {
            if (which.test(attributes.get(i))) {
                at = i;
                break;
            }
        }
        attributes.removeIf(which);
        attributes.addAll(at < 0 ? attributes.size() : at, copy);
    }

    /** Removes every attribute named {@code name} and puts {@code replacements} where the first of them was. */
    static void replaceNamed(List<Attribute> attributes, String name, List<Attribute> replacements) {
        Objects.requireNonNull(name);
        replace(attributes, a -> a.is(name), replacements);
    }

    /** Removes every attribute with one of these names (case-insensitive). */
    static void removeNamed(List<Attribute> attributes, String... names) {
        for (String n : names) {
            Objects.requireNonNull(n);
            attributes.removeIf(a -> a.is(n));
        }
    }

    /**
     * Puts {@code direction} in place of the first direction attribute and removes any others;
     * appends it when there is none.
     */
    static void setDirection(List<Attribute> attributes, Direction direction) {
        Objects.requireNonNull(direction);
        replace(attributes, AttributeEdits::isDirection, List.of(direction.toAttribute()));
    }

    /** {@link #setDirection}, or, when {@code direction} is null, removes every direction attribute. */
    static void setOrRemoveDirection(List<Attribute> attributes, Direction direction) {
        if (direction == null) {
            attributes.removeIf(AttributeEdits::isDirection);
        } else {
            setDirection(attributes, direction);
        }
    }

    private static boolean isDirection(Attribute a) {
        return !a.hasValue() && Direction.isDirectionAttribute(a.name());
    }
}
