package org.tabphone.trunk.sip.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.naming.NamingException;

import org.tabphone.transport.api.TransportKind;

/**
 * RFC 3403 NAPTR records of a SIP domain, in the order a client must consider them (order, then
 * preference, lowest first), and RFC 3263 §4.1's reading of them: which SIP transport a record's
 * service field offers. Records the JDK decodes into something other than six fields are
 * skipped, so one bad record does not hide the good ones. Blocks: call it off the I/O threads.
 */
final class NaptrLookup {

    /**
     * One NAPTR record (RFC 3403 §4.1): {@code flags} "s" means {@code replacement} is a name to
     * look up as SRV; {@code regexp} rewrites the input instead and is empty for SIP (RFC 3263 §4.1).
     */
    record Naptr(int order, int preference, String flags, String service, String regexp, String replacement) {

        /** What RFC 3263 §4.1 lets a SIP client use: an "s" rule with no regexp toward a name. */
        boolean isSrvRule() {
            return flags.equalsIgnoreCase("s") && regexp.isEmpty() && !replacement.isEmpty();
        }

        /** The transport of a SIP service field (IANA "SIP Table of Mappings"), if it is one we know. */
        Optional<TransportKind> sipTransport() {
            return switch (service.toUpperCase(Locale.ROOT)) {
                case "SIP+D2U" -> Optional.of(TransportKind.UDP);
                case "SIP+D2T" -> Optional.of(TransportKind.TCP);
                case "SIPS+D2T" -> Optional.of(TransportKind.TLS);
                default -> Optional.empty(); // SIP+D2S / SIPS+D2S (SCTP), SIPS+D2U, E2U+sip, anything else
            };
        }
    }

    private final DnsClient dns;

    NaptrLookup(DnsClient dns) {
        this.dns = dns;
    }

    /** The well-formed NAPTR records of {@code name} by order, then preference; empty when there are none. */
    List<Naptr> lookup(String name) throws NamingException {
        List<Naptr> records = new ArrayList<>();
        for (String text : dns.records(name, "NAPTR")) {
            parse(text).ifPresent(records::add);
        }
        records.sort(Comparator.comparingInt(Naptr::order).thenComparingInt(Naptr::preference));
        return records;
    }

    /**
     * The JDK's text of a NAPTR RDATA: {@code order preference flags services regexp replacement},
     * the three character-strings in double quotes when empty or holding a blank, quote or
     * backslash (then backslash-escaped), the replacement a domain name ("." for none).
     */
    static Optional<Naptr> parse(String text) {
        List<String> f = fields(text);
        if (f == null || f.size() != 6) {
            return Optional.empty();
        }
        try {
            int order = Integer.parseInt(f.get(0));
            int preference = Integer.parseInt(f.get(1));
            if (order < 0 || order > 0xffff || preference < 0 || preference > 0xffff) {
                return Optional.empty();
            }
            return Optional.of(new Naptr(order, preference, f.get(2), f.get(3), f.get(4), domain(f.get(5))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** "sip.example.com." → "sip.example.com"; the root "." → "" (RFC 3403: no replacement). */
    private static String domain(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** Splits at blanks outside double quotes, unescaping inside them; null when a quote is left open. */
    private static List<String> fields(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder field = null;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < text.length()) {
                    field.append(text.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (field != null) {
                    out.add(field.toString());
                    field = null;
                }
            } else {
                if (field == null) {
                    field = new StringBuilder();
                }
                if (c == '"') {
                    quoted = true;
                } else {
                    field.append(c);
                }
            }
        }
        if (quoted) {
            return null;
        }
        if (field != null) {
            out.add(field.toString());
        }
        return out;
    }
}
