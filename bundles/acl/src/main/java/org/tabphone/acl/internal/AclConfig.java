package org.tabphone.acl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.tabphone.acl.cfg}: the global rules and how denials are answered. Tenants' rules are their {@code acl.rules}. */
@ObjectClassDefinition(name = "Tabphone access control", description = "Global allow/deny rules for REGISTER and INVITE")
public @interface AclConfig {

    @AttributeDefinition(description = "Global rules, checked before the tenant's, comma-separated: "
        + "<allow|deny> <cidr|any> [REGISTER|INVITE|any] [udp|tcp|tls|ws|wss|any]; first match wins, no match allows")
    String rules() default "";

    @AttributeDefinition(description = "A denied request over UDP: 'reject' answers 403, 'drop' answers nothing (scanners)")
    String udp_deny() default "reject";

    @AttributeDefinition(description = "Proxies in front of the WS/WSS ports (comma-separated CIDR) whose X-Forwarded-For"
        + " header names the client; the rules and the rate limit then judge that client. Empty = judge the TCP peer")
    String trusted_proxies() default "";

    @AttributeDefinition(description = "Requests whose User-Agent contains one of these (comma-separated, case-insensitive)"
        + " are dropped unanswered: SIP scanners. Empty = off")
    String scanner_user_agents() default "friendly-scanner, sipvicious, sipcli, sip-scan";

    @AttributeDefinition(description = "Requests a second one source address may send (any method); over it: 503 once a second,"
        + " the rest dropped. 0 = no limit")
    int rate_limit_per_second() default 100;

    @AttributeDefinition(description = "Requests a source may send in a burst above the rate")
    int rate_limit_burst() default 200;

    @AttributeDefinition(description = "Networks never rate-limited (comma-separated CIDR), e.g. your own proxies or trunks")
    String rate_limit_exempt() default "127.0.0.0/8, ::1";
}
