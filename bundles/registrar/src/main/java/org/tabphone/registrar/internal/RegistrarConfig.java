package org.tabphone.registrar.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.tabphone.registrar.cfg}. */
@ObjectClassDefinition(name = "Tabphone registrar", description = "Registration lifetimes, digest nonces, brute-force protection")
public @interface RegistrarConfig {
    @AttributeDefinition(description = "Shortest registration accepted (s); shorter gets 423 with Min-Expires")
    int min_expires() default 60;

    @AttributeDefinition(description = "Longest registration granted (s); longer is cut to this")
    int max_expires() default 3600;

    @AttributeDefinition(description = "Registration lifetime when the request gives none (s)")
    int default_expires() default 3600;

    @AttributeDefinition(description = "Contacts one address of record may have")
    int max_contacts_per_aor() default 10;

    @AttributeDefinition(description = "How long a digest nonce stays valid (s); an older one gets stale=true")
    int nonce_lifetime_seconds() default 300;

    @AttributeDefinition(description = "Digest algorithms offered in a 401, most preferred first (RFC 8760 §2.4)."
        + " MD5 must come last while JsSIP and SIP.js are in use: they answer only the last challenge, and only MD5.")
    String digest_algorithms() default "SHA-256,MD5";

    @AttributeDefinition(description = "Wrong passwords from one source address before it is refused with 403")
    int max_auth_failures() default 5;

    @AttributeDefinition(description = "How long a source stays refused after too many wrong passwords (s)")
    int auth_ban_seconds() default 300;
}
