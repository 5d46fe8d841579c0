package org.tabphone.cdr.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The CDR store: search, verification and the public key its records are signed with. */
@ProviderType
public interface CdrStore {
    /** The newest records matching {@code query}, newest first. Reads the files: not for an I/O thread. */
    List<CdrRecord> search(CdrQuery query);

    /** Checks every record's signature, the hash chain and the sequence. Reads every file: not for an I/O thread. */
    CdrVerification verify();

    /** The Ed25519 public key records are signed with, as PEM (SubjectPublicKeyInfo), for verifying elsewhere. */
    String publicKeyPem();

    CdrStats stats();
}
