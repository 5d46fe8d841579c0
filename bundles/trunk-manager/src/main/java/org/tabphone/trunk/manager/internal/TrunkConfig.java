package org.tabphone.trunk.manager.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One trunk: {@code etc/org.tabphone.trunk-<name>.cfg} or one made with {@code tabphone:trunk-add} (factory PID {@code org.tabphone.trunk}). */
@ObjectClassDefinition(name = "Tabphone trunk", description = "A SIP trunk (BYOC) of a tenant: provider, credentials, capacity, numbers")
public @interface TrunkConfig {

    @AttributeDefinition(description = "Trunk name: lower-case letters, digits and '-'")
    String name();

    @AttributeDefinition(description = "The tenant whose calls use it and whose users its inbound calls ring")
    String tenant();

    @AttributeDefinition(description = "Driver type (a TrunkDriver service with trunk.driver=<type>)")
    String driver() default "sip";

    @AttributeDefinition(description = "Provider proxy/registrar: IP address or host name")
    String host();

    @AttributeDefinition(description = "Provider port; 0 = SRV records for a host name (RFC 3263), else 5060 (TLS: 5061)")
    int port() default 0;

    @AttributeDefinition(description = "udp, tcp, tls, or auto: for a host name without a port, the provider's DNS picks"
        + " (RFC 3263 NAPTR, else SRV _sips._tcp, _sip._tcp, _sip._udp), else udp")
    String transport() default "udp";

    @AttributeDefinition(description = "Over TLS (configured or chosen by DNS): verify the provider's certificate (chain to a trusted CA, name"
        + " = host); false only for lab providers with self-signed certificates")
    boolean tls_verify() default true;

    @AttributeDefinition(description = "Provider SIP domain (Request-URI, To, AOR); empty = host")
    String domain() default "";

    @AttributeDefinition(description = "Account user name (AOR user, Contact user); empty for a static-IP trunk")
    String username() default "";

    @AttributeDefinition(description = "Digest user name when it differs from username")
    String auth_username() default "";

    @AttributeDefinition(type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(description = "Register to the provider (false: static-IP trunk)")
    boolean register() default false;

    @AttributeDefinition(description = "Registration Expires asked for, seconds")
    int register_expires() default 600;

    @AttributeDefinition(description = "CIDRs inbound calls come from; empty = the provider host's addresses")
    String[] inbound_addresses() default {};

    @AttributeDefinition(description = "Concurrent inbound calls (-1 unlimited; 0 = hold new inbound calls at 180)")
    int max_inbound() default -1;

    @AttributeDefinition(description = "Concurrent outbound calls (-1 unlimited)")
    int max_outbound() default -1;

    @AttributeDefinition(description = "Concurrent calls both ways (-1 unlimited)")
    int max_total() default -1;

    @AttributeDefinition(description = "Status for an inbound call over capacity: 486 or 503")
    int over_capacity_status() default 486;

    @AttributeDefinition(description = "Country code for national numbers, e.g. 44; empty = only international numbers")
    String number_country() default "";

    String number_national_prefix() default "0";

    String number_international_prefix() default "00";

    @AttributeDefinition(description = "Number format toward the provider: e164, e164-no-plus or national")
    String number_format() default "e164";

    @AttributeDefinition(description = "Dialled numbers starting with one of these go out on this trunk; empty = every"
        + " number the number plan makes E.164 of")
    String[] outbound_prefixes() default {};

    @AttributeDefinition(description = "Lower is tried first among trunks taking a number")
    int priority() default 100;

    @AttributeDefinition(description = "Number presented to the called party (E.164); empty = the caller's user part")
    String caller_id() default "";

    @AttributeDefinition(description = "DID to user: '+15550100=1001' entries")
    String[] inbound_numbers() default {};

    @AttributeDefinition(description = "User ringing for inbound numbers without an entry; empty = the dialled number as a user")
    String inbound_user() default "";
}
