package org.tabphone.media.internal.dtls;

import org.tabphone.media.internal.srtp.SrtpProfile;

/** What {@link DtlsEndpoint} reads from its Bouncy Castle client or server after the handshake. */
interface DtlsSrtpPeer {

    /** The negotiated profile, or null before the hello exchange. */
    SrtpProfile selectedProfile();

    /**
     * The RFC 5764 4.2 keying material, exported in {@code notifyHandshakeComplete()} (the only
     * place Bouncy Castle allows it); null before.
     */
    byte[] keyingMaterial();

    /** The negotiated cipher suite, captured with the keying material; -1 before. */
    int cipherSuite();

    /** A use_srtp negotiation failure explained, or null. */
    String failureDetail();
}
