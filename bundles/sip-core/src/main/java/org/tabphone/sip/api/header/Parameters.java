package org.tabphone.sip.api.header;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ordered, immutable list of {@code name[=value]} parameters (RFC 3261 §25.1 generic-param and
 * uri-parameter). Names compare case-insensitively. A parameter without a value is a <em>flag</em>
 * ({@code ;lr}, {@code ;rport}). Values are kept as they appeared on the wire: a quoted-string value
 * keeps its quotes, an escaped URI parameter keeps its % escapes.
 *
 * <p>{@link #toString()} writes the generic-param form {@code ;a=b;c}.
 */
public final class Parameters {
    private static final String[] NONE = new String[0];
    private static final Parameters EMPTY = new Parameters(NONE);

    /** name0, value0, name1, value1, ...; a null value marks a flag. Never modified. */
    private final String[] pairs;

    private Parameters(String[] pairs) {
        this.pairs = pairs;
    }

    /** No parameters. */
    public static Parameters empty() {
        return EMPTY;
    }

    /** A builder that appends parameters in order. */
    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return pairs.length / 2;
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    /** Name of the i-th parameter, as written. */
    public String name(int i) {
        return pairs[2 * Objects.checkIndex(i, size())];
    }

    /** Value of the i-th parameter, empty for a flag. */
    public Optional<String> value(int i) {
        return Optional.ofNullable(pairs[2 * Objects.checkIndex(i, size()) + 1]);
    }

    /** Parameter names in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(size());
        for (int i = 0; i < pairs.length; i += 2) {
            names.add(pairs[i]);
        }
        return List.copyOf(names);
    }

    /** Whether a parameter of that name is present, with or without a value. */
    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** Whether the parameter is present without a value. */
    public boolean isFlag(String name) {
        int i = indexOf(name);
        return i >= 0 && pairs[i + 1] == null;
    }

    /** The value of the first parameter of that name; empty if absent or a flag. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(valueOrNull(name));
    }

    /** The value of the first parameter of that name, or null if absent or a flag. */
    public String valueOrNull(String name) {
        int i = indexOf(name);
        return i < 0 ? null : pairs[i + 1];
    }

    /**
     * A copy with {@code name} set to {@code value} (null for a flag): replaces the first parameter of
     * that name in place, or appends.
     *
     * @throws IllegalArgumentException if the name or value could not be written back safely
     */
    public Parameters with(String name, String value) {
        checkName(name);
        checkValue(value);
        int i = indexOf(name);
        String[] copy;
        if (i >= 0) {
            copy = pairs.clone();
            copy[i + 1] = value;
        } else {
            copy = Arrays.copyOf(pairs, pairs.length + 2);
            copy[pairs.length] = name;
            copy[pairs.length + 1] = value;
        }
        return new Parameters(copy);
    }

    /** A copy without any parameter of that name. */
    public Parameters without(String name) {
        if (!has(name)) {
            return this;
        }
        List<String> kept = new ArrayList<>(pairs.length);
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i].equalsIgnoreCase(name)) {
                kept.add(pairs[i]);
                kept.add(pairs[i + 1]);
            }
        }
        return kept.isEmpty() ? EMPTY : new Parameters(kept.toArray(NONE));
    }

    private int indexOf(String name) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Appends {@code ;name[=value]} for each parameter, with {@code first} before the first one and {@code sep} between. */
    public void appendTo(StringBuilder sb, char first, char sep) {
        for (int i = 0; i < pairs.length; i += 2) {
            sb.append(i == 0 ? first : sep).append(pairs[i]);
            if (pairs[i + 1] != null) {
                sb.append('=').append(pairs[i + 1]);
            }
        }
    }

    /** Equal when both hold the same names (case-insensitive) with the same values, in any order. */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Parameters other) || other.pairs.length != pairs.length) {
            return false;
        }
        for (int i = 0; i < pairs.length; i += 2) {
            int j = other.indexOf(pairs[i]);
            if (j < 0 || !Objects.equals(pairs[i + 1], other.pairs[j + 1])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            h += pairs[i].toLowerCase(java.util.Locale.ROOT).hashCode() ^ Objects.hashCode(pairs[i + 1]);
        }
        return h;
    }

    /** The generic-param form: {@code ;a=b;c}, or the empty string. */
    @Override
    public String toString() {
        if (pairs.length == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        appendTo(sb, ';', ';');
        return sb.toString();
    }

    /**
     * Octets below 64 that would end or split a parameter name when written: ; = , < > " SP HT CR LF.
     * ('&' and '?' are legal in URI parameter and URI header names.)
     */
    private static final long NAME_STOPS = bits(";=,<>\" \t\r\n");
    /** Octets below 64 that would end an unquoted value when written: ; , < > " SP HT CR LF. */
    private static final long VALUE_STOPS = bits(";,<>\" \t\r\n");

    private static long bits(String chars) {
        long m = 0;
        for (int i = 0; i < chars.length(); i++) {
            m |= 1L << chars.charAt(i);
        }
        return m;
    }

    private static boolean stops(char c, long mask) {
        return c < 64 && ((mask >>> c) & 1) != 0;
    }

    private static void checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Empty parameter name");
        }
        for (int i = 0; i < name.length(); i++) {
            if (stops(name.charAt(i), NAME_STOPS)) {
                throw new IllegalArgumentException("Bad parameter name: " + name);
            }
        }
    }

    private static void checkValue(String value) {
        if (value == null) {
            return;
        }
        int last = value.length() - 1;
        if (last >= 1 && value.charAt(0) == '"' && value.charAt(last) == '"') {
            // A quoted-string may hold anything but CR/LF; its inner quotes are escaped by the writer of the value.
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("Bad parameter value: CR/LF");
            }
            return;
        }
        for (int i = 0; i <= last; i++) {
            if (stops(value.charAt(i), VALUE_STOPS)) {
                throw new IllegalArgumentException("Bad parameter value: " + value);
            }
        }
    }

    /** Collects parameters in order; {@link #build()} ends it (the array is handed over, not copied). */
    public static final class Builder {
        private String[] pairs = new String[4];
        private int n;

        private Builder() {
        }

        /** Appends {@code name[=value]}; a null value makes a flag. */
        public Builder add(String name, String value) {
            if (pairs == null) {
                throw new IllegalStateException("Builder already built");
            }
            checkName(name);
            checkValue(value);
            if (n == pairs.length) {
                pairs = Arrays.copyOf(pairs, n * 2);
            }
            pairs[n++] = name;
            pairs[n++] = value;
            return this;
        }

        public Parameters build() {
            if (pairs == null) {
                throw new IllegalStateException("Builder already built");
            }
            String[] built = n == 0 ? NONE : n == pairs.length ? pairs : Arrays.copyOf(pairs, n);
            pairs = null;
            return built.length == 0 ? EMPTY : new Parameters(built);
        }
    }
}
