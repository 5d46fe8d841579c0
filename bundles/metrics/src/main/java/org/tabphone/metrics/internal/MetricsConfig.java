package org.tabphone.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.tabphone.metrics.cfg} (optional: the defaults need no file). */
@ObjectClassDefinition(name = "Tabphone metrics", description = "Prometheus scrape endpoint on Karaf's HTTP port")
public @interface MetricsConfig {
    @AttributeDefinition(description = "HTTP path of the endpoint on Karaf's HTTP port (8181)")
    String path() default "/metrics";

    @AttributeDefinition(description = "JMX domain whose MBeans are exported")
    String jmx_domain() default "org.tabphone";

    @AttributeDefinition(description = "First part of every metric name")
    String name_prefix() default "tabphone";

    @AttributeDefinition(description = "HTTP Basic user a scrape must give; empty: no authentication")
    String auth_user() default "";

    @AttributeDefinition(description = "Hex SHA-256 of that user's password (printf '%s' secret | sha256sum)")
    String auth_password_sha256() default "";
}
