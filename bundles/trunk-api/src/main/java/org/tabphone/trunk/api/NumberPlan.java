package org.tabphone.trunk.api;

import java.util.Optional;

/**
 * How dialled numbers become E.164 and how E.164 goes out on a trunk. A browser dials
 * {@code 07700900123}, {@code 00447700900123} or {@code +447700900123}; with country code 44,
 * national prefix 0 and international prefix 00 all three are {@code +447700900123}.
 *
 * @param countryCode         digits without '+', e.g. {@code 44}; empty: national numbers are refused
 * @param nationalPrefix      trunk prefix of national numbers, e.g. {@code 0}; empty: none
 * @param internationalPrefix prefix of international numbers, e.g. {@code 00}; empty: only '+'
 * @param format              how the trunk wants the number
 */
public record NumberPlan(String countryCode, String nationalPrefix, String internationalPrefix, Format format) {

    /** The provider's number format in the Request-URI and To. */
    public enum Format {
        /** {@code +447700900123} */
        E164,
        /** {@code 447700900123} */
        E164_NO_PLUS,
        /** {@code 07700900123} for numbers of our country, E.164 for others */
        NATIONAL
    }

    public NumberPlan {
        for (String digits : new String[] {countryCode, nationalPrefix, internationalPrefix}) {
            if (!digits.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not digits: '" + digits + "'");
            }
        }
    }

    /** The E.164 form (with '+') of a dialled number; empty when it isn't a phone number this plan understands. */
    public Optional<String> toE164(String dialled) {
        String d = dialled.replaceAll("[\\s().\\-]", "");
        if (d.startsWith("+")) {
            return digitsOnly(d.substring(1)).map(n -> "+" + n);
        }
        if (!internationalPrefix.isEmpty() && d.startsWith(internationalPrefix)) {
            return digitsOnly(d.substring(internationalPrefix.length())).map(n -> "+" + n);
        }
        if (countryCode.isEmpty()) {
            return Optional.empty();
        }
        if (!nationalPrefix.isEmpty()) {
            return d.startsWith(nationalPrefix)
                ? digitsOnly(d.substring(nationalPrefix.length())).map(n -> "+" + countryCode + n)
                : Optional.empty();
        }
        return digitsOnly(d).map(n -> "+" + countryCode + n);
    }

    /** An E.164 number as this trunk's provider wants it. */
    public String format(String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        return switch (format) {
            case E164 -> "+" + digits;
            case E164_NO_PLUS -> digits;
            case NATIONAL -> !countryCode.isEmpty() && digits.startsWith(countryCode)
                ? nationalPrefix + digits.substring(countryCode.length()) : "+" + digits;
        };
    }

    /** E.164 allows up to 15 digits; fewer than 3 is no phone number. */
    private static Optional<String> digitsOnly(String s) {
        return s.length() >= 3 && s.length() <= 15 && s.chars().allMatch(Character::isDigit) ? Optional.of(s) : Optional.empty();
    }
}
