package org.tabphone.transport.internal.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** The DNS names a server certificate answers for: its subjectAltName dNSName entries, else its CN (RFC 6125 §6.4.4). */
final class SubjectNames {
    private static final int DNS_NAME = 2;

    private SubjectNames() {
    }

    static List<String> of(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(DNS_NAME).equals(san.get(0)) && san.get(1) instanceof String s) {
                        names.add(SniNames.normalize(s));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unparsable extension: fall back to the CN like a certificate without SANs
        }
        if (names.isEmpty()) {
            try {
                for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        names.add(SniNames.normalize(String.valueOf(rdn.getValue())));
                    }
                }
            } catch (InvalidNameException e) {
                // no usable CN either: the certificate serves no name (still listed in tabphone:certs)
            }
        }
        return List.copyOf(names);
    }
}
