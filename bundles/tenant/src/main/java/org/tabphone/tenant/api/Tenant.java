package org.tabphone.tenant.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.tabphone.sip.api.auth.DigestAlgorithm;

/** One customer of the gateway: its SIP domains, digest realm, users and limits. A snapshot: immutable. */
@ProviderType
public interface Tenant {
    String name();

    /** The SIP domains (host parts of its users' addresses) this tenant owns, lower case. */
    List<String> domains();

    /** The digest realm its users' HA1 values were made with. */
    String realm();

    /** Takes requests whose domain no tenant owns (e.g. the gateway's own IP address). */
    boolean isFallback();

    TenantLimits limits();

    /** The STUN/TURN servers its browsers are given (the webphone's ICE configuration). */
    IceServers iceServers();

    /** Digest algorithms to challenge with, most preferred first; empty = the registrar's default. */
    List<DigestAlgorithm> digestAlgorithms();

    Optional<SipUser> user(String username);

    List<SipUser> users();
}
