package org.tabphone.trunk.manager.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.tabphone.transport.api.TransportKind;
import org.tabphone.trunk.api.Capacity;
import org.tabphone.trunk.api.NumberPlan;
import org.tabphone.trunk.api.TrunkSettings;

/** Reads a trunk configuration; every mistake is an IllegalArgumentException that names the key. */
final class TrunkSettingsParser {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private TrunkSettingsParser() {
    }

    static TrunkSettings parse(TrunkConfig c, Map<String, Object> raw) {
        String name = require(c.name(), "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name '" + name + "': lower-case letters, digits and '-'");
        }
        String host = require(c.host(), "host").trim();
        Capacity capacity;
        NumberPlan numbers;
        try {
            capacity = new Capacity(c.max_inbound(), c.max_outbound(), c.max_total(), c.over_capacity_status());
            numbers = new NumberPlan(c.number_country().trim(), c.number_national_prefix().trim(),
                c.number_international_prefix().trim(), format(c.number_format()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trunk " + name + ": " + e.getMessage());
        }
        String domain = c.domain().isBlank() ? host : c.domain().trim();
        for (String cidr : c.inbound_addresses()) {
            org.tabphone.trunk.api.Cidr.parse(cidr); // fail now, not on the first call
        }
        boolean auto = isAuto(c.transport());
        return new TrunkSettings(name, require(c.tenant(), "tenant"), require(c.driver(), "driver"), host, c.port(),
            auto ? TransportKind.UDP : transport(c.transport()), domain, c.username().trim(), c.auth_username().trim(),
            c.password(), c.register(), c.register_expires(), trimmed(c.inbound_addresses()), capacity, numbers,
            trimmed(c.outbound_prefixes()), c.priority(), c.caller_id().trim(), inboundNumbers(c.inbound_numbers()),
            c.inbound_user().trim(), properties(raw), tlsVerify(raw.get("tls.verify")), auto);
    }

    /**
     * {@code tls.verify}: true unless exactly false. Read from the raw value, not the typed one: Config
     * Admin turns any text but "true" into false, and a typo must not switch verification off.
     */
    static boolean tlsVerify(Object value) {
        if (value == null || value instanceof Boolean b && b) {
            return true;
        }
        if (value instanceof Boolean) {
            return false;
        }
        return switch (String.valueOf(value).trim().toLowerCase(Locale.ROOT)) {
            case "true", "" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("tls.verify '" + value + "': true or false");
        };
    }

    private static String require(String v, String key) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("'" + key + "' is required");
        }
        return v.trim();
    }

    /** {@code transport = auto}: the provider's DNS picks (RFC 3263 §4.1); the settings then say UDP, its fallback. */
    private static boolean isAuto(String t) {
        return t.trim().equalsIgnoreCase("auto");
    }

    private static TransportKind transport(String t) {
        return switch (t.trim().toLowerCase(Locale.ROOT)) {
            case "udp" -> TransportKind.UDP;
            case "tcp" -> TransportKind.TCP;
            case "tls" -> TransportKind.TLS;
            default -> throw new IllegalArgumentException("transport '" + t + "': udp, tcp, tls or auto");
        };
    }

    private static NumberPlan.Format format(String f) {
        return switch (f.trim().toLowerCase(Locale.ROOT)) {
            case "e164" -> NumberPlan.Format.E164;
            case "e164-no-plus" -> NumberPlan.Format.E164_NO_PLUS;
            case "national" -> NumberPlan.Format.NATIONAL;
            default -> throw new IllegalArgumentException("number.format '" + f + "': e164, e164-no-plus or national");
        };
    }

    private static List<String> trimmed(String[] values) {
        return Arrays.stream(values).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static Map<String, String> inboundNumbers(String[] entries) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String e : trimmed(entries)) {
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException("inbound.numbers entry '" + e + "': expected <number>=<user>");
            }
            m.put(e.substring(0, eq).trim(), e.substring(eq + 1).trim());
        }
        return m;
    }

    private static Map<String, String> properties(Map<String, Object> raw) {
        Map<String, String> m = new TreeMap<>();
        raw.forEach((k, v) -> m.put(k, v instanceof String[] a ? String.join(",", a) : String.valueOf(v)));
        return m;
    }
}
