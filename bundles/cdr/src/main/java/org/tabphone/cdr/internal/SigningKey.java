package org.tabphone.cdr.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * The installation's Ed25519 key (RFC 8032, Bouncy Castle's lightweight API): made on first start
 * and kept as PKCS#8 PEM ({@code ed25519.key}, rw-------) with the public key beside it
 * ({@code ed25519.pub.pem}), so {@code openssl pkey} and {@code openssl pkeyutl -verify} can read both.
 */
final class SigningKey {
    static final String PRIVATE_FILE = "ed25519.key";
    static final String PUBLIC_FILE = "ed25519.pub.pem";

    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKeyParameters publicKey;

    private SigningKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey();
    }

    /** A key for this run only (tests). */
    static SigningKey generate() {
        return new SigningKey(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /** The key in {@code dir}, or a new one written there. */
    static SigningKey loadOrCreate(Path dir) throws IOException {
        Path file = dir.resolve(PRIVATE_FILE);
        if (Files.isRegularFile(file)) {
            AsymmetricKeyParameter key = PrivateKeyFactory.createKey(pemBody(Files.readString(file)));
            if (!(key instanceof Ed25519PrivateKeyParameters ed)) {
                throw new IOException(file + " is not an Ed25519 private key");
            }
            SigningKey k = new SigningKey(ed);
            writeIfChanged(dir.resolve(PUBLIC_FILE), k.publicKeyPem()); // e.g. deleted by hand
            return k;
        }
        Files.createDirectories(dir);
        SigningKey k = generate();
        // RFC 8410 PKCS#8 v1 (no public key inside): what OpenSSL 3.0 reads; BC's factory writes v2
        PrivateKeyInfo info = new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
            new DEROctetString(k.privateKey.getEncoded()));
        writeAtomically(file, pem("PRIVATE KEY", info.getEncoded()), true);
        writeAtomically(dir.resolve(PUBLIC_FILE), k.publicKeyPem(), false);
        return k;
    }

    byte[] sign(byte[] data) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, privateKey);
        s.update(data, 0, data.length);
        return s.generateSignature();
    }

    boolean verify(byte[] data, byte[] signature) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(false, publicKey);
        s.update(data, 0, data.length);
        return s.verifySignature(signature);
    }

    String publicKeyPem() {
        try {
            return pem("PUBLIC KEY", SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode an Ed25519 public key", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(String pem) throws IOException {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a PEM file: " + e.getMessage());
        }
    }

    private static void writeIfChanged(Path file, String text) throws IOException {
        if (!Files.isRegularFile(file) || !Files.readString(file).equals(text)) {
            writeAtomically(file, text, false);
        }
    }

    /** Through a temporary file and a rename, so a crash never leaves half a key. */
    private static void writeAtomically(Path file, String text, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (secret && tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
