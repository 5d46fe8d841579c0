package org.tabphone.metrics.internal;

import java.util.regex.Pattern;

/** A validated {@link MetricsConfig}. */
record MetricsSettings(String path, String jmxDomain, String namePrefix, BasicAuth auth) {

    MetricsSettings(String path, String jmxDomain, String namePrefix) {
        this(path, jmxDomain, namePrefix, BasicAuth.NONE);
    }

    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~/-]+");
    private static final Pattern PREFIX = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    static MetricsSettings from(MetricsConfig config) {
        String path = config.path().trim();
        if (!PATH.matcher(path).matches() || path.endsWith("/")) {
            throw new IllegalArgumentException("path '" + path + "': a path like /metrics (letters, digits, . _ ~ - /)");
        }
        String domain = config.jmx_domain().trim();
        if (domain.isEmpty() || domain.matches(".*[:*?,=].*")) {
            throw new IllegalArgumentException("jmx.domain '" + domain + "': a JMX domain like org.tabphone");
        }
        String prefix = config.name_prefix().trim();
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("name.prefix '" + prefix + "': letters, digits and _, not starting with a digit");
        }
        return new MetricsSettings(path, domain, prefix, BasicAuth.of(config.auth_user(), config.auth_password_sha256()));
    }
}
