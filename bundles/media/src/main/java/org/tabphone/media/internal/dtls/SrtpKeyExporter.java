package org.tabphone.media.internal.dtls;

import java.util.Arrays;

import org.bouncycastle.tls.TlsContext;
import org.tabphone.media.internal.srtp.SrtpProfile;

/**
 * Exports and splits the DTLS-SRTP keying material (RFC 5764 4.2, RFC 5705):
 * {@code client_write_SRTP_master_key | server_write_SRTP_master_key |
 * client_write_SRTP_master_salt | server_write_SRTP_master_salt}.
 */
public final class SrtpKeyExporter {

    /** RFC 5764 4.2 exporter label. */
    public static final String LABEL = "EXTRACTOR-dtls_srtp";

    private SrtpKeyExporter() {
    }

    /** {@code exportKeyingMaterial("EXTRACTOR-dtls_srtp", null, 2 * (keyLen + saltLen))}. */
    static byte[] export(TlsContext context, SrtpProfile profile) {
        return context.exportKeyingMaterial(LABEL, null, profile.keyingMaterialLength());
    }

    public static byte[] clientWriteMasterKey(SrtpProfile p, byte[] material) {
        return slice(p, material, 0, p.keyLength());
    }

    public static byte[] serverWriteMasterKey(SrtpProfile p, byte[] material) {
        return slice(p, material, p.keyLength(), p.keyLength());
    }

    public static byte[] clientWriteMasterSalt(SrtpProfile p, byte[] material) {
        return slice(p, material, 2 * p.keyLength(), p.saltLength());
    }

    public static byte[] serverWriteMasterSalt(SrtpProfile p, byte[] material) {
        return slice(p, material, 2 * p.keyLength() + p.saltLength(), p.saltLength());
    }

    private static byte[] slice(SrtpProfile p, byte[] material, int from, int length) {
        if (material.length != p.keyingMaterialLength()) {
            throw new IllegalArgumentException("keying material for " + p + " must be " + p.keyingMaterialLength()
                + " bytes, not " + material.length);
        }
        return Arrays.copyOfRange(material, from, from + length);
    }
}
