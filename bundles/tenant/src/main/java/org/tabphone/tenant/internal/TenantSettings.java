package org.tabphone.tenant.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.tabphone.sip.api.auth.DigestAlgorithm;
import org.tabphone.tenant.api.IceServers;
import org.tabphone.tenant.api.TenantLimits;

/** A validated {@link TenantConfig}; {@link #from} throws {@link IllegalArgumentException} naming the bad key. */
record TenantSettings(String name, List<String> domains, String realm, boolean fallback, Path usersFile,
                      TenantLimits limits, List<DigestAlgorithm> digestAlgorithms, IceServers iceServers) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** A host name (RFC 1123 labels) or an IPv4 literal or an IPv6 literal, with or without brackets. */
    private static final Pattern HOST = Pattern.compile(
        "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*|\\[?[0-9a-f:.]+]?");

    static TenantSettings from(TenantConfig c) {
        String name = c.name() == null ? "" : c.name().trim();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be lower-case letters, digits and '-': '" + c.name() + "'");
        }
        List<String> domains = new ArrayList<>();
        for (String raw : c.domains() == null ? new String[0] : c.domains()) {
            for (String d : raw.split(",")) {
                String domain = d.trim().toLowerCase(Locale.ROOT);
                if (domain.isEmpty()) {
                    continue;
                }
                if (!HOST.matcher(domain).matches()) {
                    throw new IllegalArgumentException("domains: '" + d.trim() + "' is not a host name or address");
                }
                if (!domains.contains(domain)) {
                    domains.add(domain);
                }
            }
        }
        if (domains.isEmpty()) {
            throw new IllegalArgumentException("domains must name at least one SIP domain");
        }
        String realm = c.realm() == null || c.realm().isBlank() ? domains.get(0) : c.realm().trim();
        if (realm.contains("\"") || realm.contains("\\")) {
            throw new IllegalArgumentException("realm must not contain quotes or backslashes: '" + realm + "'");
        }
        if (c.users_file() == null || c.users_file().isBlank()) {
            throw new IllegalArgumentException("users.file is required");
        }
        Path users;
        try {
            users = Path.of(c.users_file().trim());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("users.file is not a path: '" + c.users_file() + "'");
        }
        if (c.max_registrations() < 0 || c.max_calls() < 0) {
            throw new IllegalArgumentException("max.registrations and max.calls must not be negative");
        }
        List<DigestAlgorithm> algorithms;
        try {
            algorithms = DigestAlgorithm.parseList(c.digest_algorithms());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("digest.algorithms: " + e.getMessage());
        }
        IceServers ice;
        try {
            ice = new IceServers(listOf(c.ice_stun_urls()), listOf(c.ice_turn_urls()), c.ice_turn_secret(),
                c.ice_turn_ttl_seconds());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ice.*: " + e.getMessage());
        }
        return new TenantSettings(name, List.copyOf(domains), realm, c.fallback(), users,
            new TenantLimits(c.max_registrations(), c.max_calls()), algorithms, ice);
    }

    /** Config Admin hands a list as one comma-separated string or as an array. */
    private static List<String> listOf(String[] values) {
        List<String> out = new ArrayList<>();
        for (String raw : values == null ? new String[0] : values) {
            for (String v : raw.split(",")) {
                if (!v.isBlank()) {
                    out.add(v.trim());
                }
            }
        }
        return out;
    }
}
