package org.tabphone.sip.api.uri;

import java.util.Objects;
import org.tabphone.sip.api.header.Parameters;

/**
 * A tel URI (RFC 3966): {@code tel:+1-201-555-0123;ext=1234} or a local number with a
 * {@code phone-context}. Equality follows RFC 3966 §4: visual separators ({@code - . ( )}) are
 * ignored in the number, parameters compare by name in any order, case-insensitively.
 */
public final class TelUri implements Uri {
    private final String number;
    private final Parameters params;

    private TelUri(String number, Parameters params) {
        this.number = number;
        this.params = params;
    }

    /**
     * A tel URI for {@code number} (global numbers start with '+').
     *
     * @throws IllegalArgumentException if the number is empty or has characters RFC 3966 does not allow
     */
    public static TelUri of(String number, Parameters params) {
        if (number.isEmpty()) {
            throw new IllegalArgumentException("Empty telephone number");
        }
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && "*#+-.()".indexOf(c) < 0) {
                throw new IllegalArgumentException("Bad character in telephone number: " + number);
            }
        }
        return new TelUri(number, Objects.requireNonNull(params));
    }

    @Override
    public String scheme() {
        return "tel";
    }

    /** The number as written, visual separators included. */
    public String number() {
        return number;
    }

    /** Whether this is a global number ({@code +} followed by digits). */
    public boolean isGlobal() {
        return number.startsWith("+");
    }

    /** The number without visual separators, hex digits in lower case. */
    public String digits() {
        StringBuilder sb = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if ("-.()".indexOf(c) < 0) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    public Parameters params() {
        return params;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof TelUri other) || !other.digits().equals(digits())
                || other.params.size() != params.size()) {
            return false;
        }
        for (int i = 0; i < params.size(); i++) {
            String name = params.name(i);
            if (!other.params.has(name)) {
                return false;
            }
            String a = params.valueOrNull(name);
            String b = other.params.valueOrNull(name);
            if (a == null ? b != null : !a.equalsIgnoreCase(b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return digits().hashCode();
    }

    @Override
    public String toString() {
        return "tel:" + number + params;
    }
}
