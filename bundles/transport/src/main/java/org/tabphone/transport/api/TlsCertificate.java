package org.tabphone.transport.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One certificate the TLS and WSS listeners know: the default keystore or a file of the
 * certificates folder, with the names it answers for by SNI.
 *
 * @param source   the file (for a PEM pair, the certificate file), as the operator named it
 * @param names    DNS names from its subjectAltName (or CN when it has none); {@code *.x} is a wildcard
 * @param notAfter end of validity, empty when the file could not be read
 * @param status   whether it is served
 * @param detail   why not, or a note (e.g. "default"); never a password
 */
public record TlsCertificate(String source, List<String> names, Optional<Instant> notAfter, Status status, String detail) {

    /** Whether a handshake can get this certificate. */
    public enum Status {
        /** served for its names */
        OK,
        /** past its notAfter: not served */
        EXPIRED,
        /** before its notBefore: not served */
        NOT_YET_VALID,
        /** missing key or certificate, unreadable, wrong password, key not matching: not served */
        INVALID
    }

    public TlsCertificate {
        names = List.copyOf(names);
    }
}
