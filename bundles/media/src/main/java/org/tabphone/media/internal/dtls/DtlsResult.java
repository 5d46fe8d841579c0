package org.tabphone.media.internal.dtls;

import java.time.Duration;
import java.util.Objects;

import org.tabphone.media.internal.srtp.SrtpProfile;

/**
 * Outcome of a {@link DtlsEndpoint} handshake: either connected, with the negotiated SRTP profile
 * and keying material, or failed, with a reason. Immutable; byte accessors return copies.
 *
 * <p>Which keys protect what (RFC 5764 4.2): we encrypt outgoing SRTP with the {@link #localMasterKey()}
 * and {@link #localMasterSalt()} (the client_write pair if we were the client) and decrypt incoming
 * SRTP with {@link #remoteMasterKey()} and {@link #remoteMasterSalt()}.
 */
public final class DtlsResult {

    private final boolean connected;
    private final SrtpProfile profile;
    private final byte[] keyingMaterial;
    private final boolean client;
    private final String cipherSuite;
    private final DtlsFingerprint remoteFingerprint;
    private final Duration handshakeTime;
    private final String failureReason;
    private final Throwable cause;

    private DtlsResult(boolean connected, SrtpProfile profile, byte[] keyingMaterial, boolean client, String cipherSuite,
                       DtlsFingerprint remoteFingerprint, Duration handshakeTime, String failureReason, Throwable cause) {
        this.connected = connected;
        this.profile = profile;
        this.keyingMaterial = keyingMaterial;
        this.client = client;
        this.cipherSuite = cipherSuite;
        this.remoteFingerprint = remoteFingerprint;
        this.handshakeTime = handshakeTime;
        this.failureReason = failureReason;
        this.cause = cause;
    }

    static DtlsResult connected(SrtpProfile profile, byte[] keyingMaterial, boolean client, String cipherSuite,
                                DtlsFingerprint remoteFingerprint, Duration handshakeTime) {
        if (keyingMaterial.length != profile.keyingMaterialLength()) {
            throw new IllegalArgumentException("keying material length " + keyingMaterial.length + " for " + profile);
        }
        return new DtlsResult(true, profile, keyingMaterial.clone(), client, cipherSuite, remoteFingerprint,
            handshakeTime, null, null);
    }

    static DtlsResult failed(String reason, Throwable cause, boolean client, Duration handshakeTime) {
        return new DtlsResult(false, null, null, client, null, null, handshakeTime, Objects.requireNonNull(reason), cause);
    }

    /** True if the handshake completed and the SRTP fields are set. */
    public boolean isConnected() {
        return connected;
    }

    /** The negotiated profile; null when failed. */
    public SrtpProfile profile() {
        return profile;
    }

    /** The use_srtp protection profile number (0x0001, 0x0007), or -1 when failed. */
    public int profileId() {
        return connected ? profile.id() : -1;
    }

    /** The whole exported keying material, 2 * (key + salt) bytes (a copy); null when failed. */
    public byte[] keyingMaterial() {
        return connected ? keyingMaterial.clone() : null;
    }

    /** True if we were the DTLS client (a=setup:active). */
    public boolean isClient() {
        return client;
    }

    /** The negotiated DTLS cipher suite's name, for logs; null when failed. */
    public String cipherSuite() {
        return cipherSuite;
    }

    /** The SDP fingerprint the peer's certificate matched; null when failed. */
    public DtlsFingerprint remoteFingerprint() {
        return remoteFingerprint;
    }

    /** From {@link DtlsEndpoint#start} to completion or failure. */
    public Duration handshakeTime() {
        return handshakeTime;
    }

    /** Why the handshake failed; null when connected. */
    public String failureReason() {
        return failureReason;
    }

    /** The exception behind the failure, or null. */
    public Throwable cause() {
        return cause;
    }

    public byte[] clientWriteMasterKey() {
        return SrtpKeyExporter.clientWriteMasterKey(profile(), connectedMaterial());
    }

    public byte[] serverWriteMasterKey() {
        return SrtpKeyExporter.serverWriteMasterKey(profile(), connectedMaterial());
    }

    public byte[] clientWriteMasterSalt() {
        return SrtpKeyExporter.clientWriteMasterSalt(profile(), connectedMaterial());
    }

    public byte[] serverWriteMasterSalt() {
        return SrtpKeyExporter.serverWriteMasterSalt(profile(), connectedMaterial());
    }

    /** Master key for the SRTP we send. */
    public byte[] localMasterKey() {
        return client ? clientWriteMasterKey() : serverWriteMasterKey();
    }

    /** Master salt for the SRTP we send. */
    public byte[] localMasterSalt() {
        return client ? clientWriteMasterSalt() : serverWriteMasterSalt();
    }

    /** Master key for the SRTP we receive. */
    public byte[] remoteMasterKey() {
        return client ? serverWriteMasterKey() : clientWriteMasterKey();
    }

    /** Master salt for the SRTP we receive. */
    public byte[] remoteMasterSalt() {
        return client ? serverWriteMasterSalt() : clientWriteMasterSalt();
    }

    @Override
    public String toString() {
        return connected
            ? "DtlsResult[connected " + (client ? "client" : "server") + " " + profile + " " + cipherSuite + " in "
                + handshakeTime.toMillis() + " ms]"
            : "DtlsResult[failed after " + handshakeTime.toMillis() + " ms: " + failureReason + "]";
    }

    private byte[] connectedMaterial() {
        if (!connected) {
            throw new IllegalStateException("DTLS handshake failed: " + failureReason);
        }
        return keyingMaterial;
    }
}
