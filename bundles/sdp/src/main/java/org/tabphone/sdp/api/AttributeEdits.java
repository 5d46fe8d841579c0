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

    static void setDirection(List<Attribute> attributes, Direction direction) {
        Objects.requireNonNull(direction);
        replace(attributes, a -> !a.hasValue() && Direction.isDirectionAttribute(a.name()),
                List.of(direction.toAttribute()));
    }
}
