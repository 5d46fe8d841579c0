package org.tabphone.tenant.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One tenant: {@code etc/org.tabphone.tenant-<name>.cfg} (factory PID {@code org.tabphone.tenant}). */
@ObjectClassDefinition(name = "Tabphone tenant", description = "A customer: SIP domains, digest realm, users file, limits")
public @interface TenantConfig {

    @AttributeDefinition(description = "Tenant name: lower-case letters, digits and '-'")
    String name();

    @AttributeDefinition(description = "SIP domains this tenant owns (comma-separated host names or IP addresses)")
    String[] domains();

    @AttributeDefinition(description = "Digest realm; empty = the first domain. HA1 values in the users file are made with it.")
    String realm() default "";

    @AttributeDefinition(description = "Also take requests whose domain no tenant owns (e.g. the gateway's IP address)")
    boolean fallback() default false;

    @AttributeDefinition(description = "Users file: one line per user, 'user = name=<display name>; md5=<HA1>; sha256=<HA1>'")
    String users_file();

    @AttributeDefinition(description = "Digest algorithms to challenge with, most preferred first (e.g. 'MD5' for phones"
        + " that answer only the first challenge); empty = the registrar's digest.algorithms")
    String digest_algorithms() default "";

    @AttributeDefinition(description = "Registrations (bindings) allowed across all users")
    int max_registrations() default 10000;

    @AttributeDefinition(description = "Concurrent calls allowed")
    int max_calls() default 1000;

    @AttributeDefinition(description = "STUN servers for its browsers (stun:host:port, comma-separated)")
    String[] ice_stun_urls() default {};

    @AttributeDefinition(description = "TURN servers for its browsers (turn:host:port?transport=udp, comma-separated)")
    String[] ice_turn_urls() default {};

    @AttributeDefinition(description = "Shared secret of the TURN REST API (coturn static-auth-secret)",
                         type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String ice_turn_secret() default "";

    @AttributeDefinition(description = "Lifetime of the TURN credentials handed to a browser (s)")
    int ice_turn_ttl_seconds() default 3600;

    @AttributeDefinition(description = "Access rules for this tenant's REGISTER and INVITE, read by the org.tabphone.acl bundle:"
        + " comma-separated '<allow|deny> <cidr|any> [REGISTER|INVITE|any] [udp|tcp|tls|ws|wss|any]', first match wins")
    String acl_rules() default "";
}
